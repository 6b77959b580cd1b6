package org.neuromix.app.cli;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.neuromix.app.NeuroMixApplication;
import org.neuromix.app.account.AccountService;
import org.neuromix.app.account.Mailer;
import org.neuromix.app.privacy.BreachNotices;
import org.neuromix.app.system.InvalidInputException;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code neuromix admin create --email E --name N [--role ADMIN|SUPPORT]}: makes a staff account in
 * the service's database (there is no default administrator or password). The password is read
 * from standard input with {@code --password-stdin}, or generated and printed once.
 *
 * <p>{@code neuromix admin notify-breach ...}: records a personal data breach and emails its notice
 * to the accounts it may affect, as the admin page does; {@code --dry-run} lists them instead.
 */
@Command(name = "admin",
        mixinStandardHelpOptions = true,
        subcommands = {AdminCommand.Create.class, AdminCommand.NotifyBreach.class},
        description = {
            "Operator's tasks on the service's database.",
            "create: a new verified staff account (or give an existing account the role).",
            "notify-breach: record a personal data breach and email its notice to the",
            "accounts it may affect. Use the same --data-dir and --name=value settings as",
            "'serve'.",
            "",
            "Exit codes: 0 done; 2 bad input; 1 internal error."
        })
final class AdminCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The service without its web server or jobs, on the data folder; null (with the reason printed) when it cannot start. */
    /** Settings for the service are --name=value; anything else is a mistyped option. */
    static boolean settingsWellFormed(List<String> settings, PrintWriter err) {
        for (String setting : settings) {
            if (!setting.startsWith("--") || !setting.contains("=")) {
                err.println("neuromix admin: unknown argument '" + setting + "' (settings are --name=value)");
                return false;
            }
        }
        return true;
    }

    static ConfigurableApplicationContext startService(Path dataDirectory, List<String> settings, PrintWriter err) {
        List<String> arguments = new ArrayList<>();
        arguments.add("--neuromix.data-dir=" + dataDirectory.toAbsolutePath().normalize());
        arguments.add("--db-scheduler.enabled=false");
        arguments.add("--logging.file.name=");
        arguments.add("--logging.level.root=OFF"); // failures are reported in one line
        arguments.addAll(settings);
        SpringApplication application = new SpringApplication(NeuroMixApplication.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        try {
            return application.run(arguments.toArray(String[]::new));
        } catch (RuntimeException e) {
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            err.println("neuromix admin: cannot open the service's database in " + dataDirectory.toAbsolutePath().normalize()
                    + " (with the embedded database, stop 'serve' on this folder first): " + root.getMessage());
            return null;
        }
    }

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Create a verified staff account, or give an existing account the role.")
    static final class Create implements Callable<Integer> {
        @Option(names = "--email", required = true, paramLabel = "EMAIL", description = "The staff member's email address.")
        String email;

        @Option(names = "--name", defaultValue = "Administrator", paramLabel = "NAME", description = "Their name (default: ${DEFAULT-VALUE}).")
        String name;

        @Option(names = "--role", defaultValue = "ADMIN", paramLabel = "ROLE", description = "ADMIN, SUPPORT or USER (default: ${DEFAULT-VALUE}).")
        String role;

        @Option(names = "--password-stdin", description = "Read the password from standard input instead of generating one.")
        boolean passwordFromStdin;

        @Option(names = "--data-dir", defaultValue = "./data", paramLabel = "DIR", description = "The service's data folder (default: ${DEFAULT-VALUE}).")
        Path dataDirectory;

        @Unmatched
        List<String> settings = new ArrayList<>();

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            String password;
            boolean generated = !passwordFromStdin;
            if (passwordFromStdin) {
                password = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            } else {
                byte[] bytes = new byte[18];
                new SecureRandom().nextBytes(bytes);
                password = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            }
            if (!settingsWellFormed(settings, err)) {
                return NeuroMixCli.EXIT_BAD_INPUT;
            }
            ConfigurableApplicationContext started = startService(dataDirectory, settings, err);
            if (started == null) {
                return NeuroMixCli.EXIT_INTERNAL_ERROR;
            }
            try (ConfigurableApplicationContext context = started) {
                boolean created = context.getBean(AccountService.class).createOrPromoteStaff(name, email, password,
                        role.toUpperCase(Locale.ROOT));
                if (created) {
                    out.println("Created " + role.toUpperCase(Locale.ROOT) + " account " + email.trim().toLowerCase(Locale.ROOT)
                            + (generated ? " with the password: " + password + "\n(shown once; change it on the account page)" : ""));
                } else {
                    out.println("Gave the existing account " + email.trim().toLowerCase(Locale.ROOT) + " the role "
                            + role.toUpperCase(Locale.ROOT) + " (its password is unchanged)");
                }
                return 0;
            } catch (InvalidInputException e) {
                err.println("neuromix admin create: " + e.field() + ": " + e.getMessage());
                return NeuroMixCli.EXIT_BAD_INPUT;
            }
        }
    }

    @Command(name = "notify-breach", mixinStandardHelpOptions = true,
            description = {
                "Record a personal data breach with what GDPR Art. 34 asks a notice to say",
                "(what happened, when, which data, likely consequences, measures taken,",
                "contact) and email its notice once to each affected account; they also see",
                "it at their next sign-in. Times in UTC: 2026-11-30T14:05Z, 2026-11-30T14:05",
                "or 2026-11-30. Long texts: put the options in a file and pass @FILE."
            })
    static final class NotifyBreach implements Callable<Integer> {
        /** The incident's fields as the options that carry them, for the refusals. */
        private static final java.util.Map<String, String> OPTION_OF_FIELD = java.util.Map.of("whatHappened", "--what",
                "happenedFrom", "--from", "happenedTo", "--to", "dataConcerned", "--data", "likelyConsequences", "--consequences",
                "measuresTaken", "--measures", "contact", "--contact", "dataFrom", "--data-from", "dataTo", "--data-to");

        @Option(names = "--what", required = true, paramLabel = "TEXT", description = "What happened, in plain language.")
        String whatHappened;

        @Option(names = "--from", required = true, paramLabel = "TIME", description = "When it started.")
        String happenedFrom;

        @Option(names = "--to", paramLabel = "TIME", description = "When it ended; without it, the same moment as --from.")
        String happenedTo;

        @Option(names = "--data", required = true, paramLabel = "TEXT", description = "Which data it concerns.")
        String dataConcerned;

        @Option(names = "--consequences", required = true, paramLabel = "TEXT", description = "Its likely consequences.")
        String likelyConsequences;

        @Option(names = "--measures", required = true, paramLabel = "TEXT", description = "The measures taken or proposed.")
        String measuresTaken;

        @Option(names = "--contact", required = true, paramLabel = "TEXT", description = "Whom to contact (data protection officer).")
        String contact;

        /** Whom to notify: exactly one of the two. */
        static final class Whom {
            @Option(names = "--all", required = true, description = "Notify every account.")
            boolean all;

            @ArgGroup(exclusive = false)
            Period period;
        }

        static final class Period {
            @Option(names = "--data-from", required = true, paramLabel = "TIME",
                    description = "Notify the accounts that signed up, created a session or uploaded a file from this time...")
            String from;

            @Option(names = "--data-to", required = true, paramLabel = "TIME", description = "...to this time.")
            String to;
        }

        @ArgGroup(exclusive = true, multiplicity = "1")
        Whom whom;

        @Option(names = "--dry-run", description = "List who would be notified; record and send nothing.")
        boolean dryRun;

        @Option(names = "--data-dir", defaultValue = "./data", paramLabel = "DIR", description = "The service's data folder (default: ${DEFAULT-VALUE}).")
        Path dataDirectory;

        @Unmatched
        List<String> settings = new ArrayList<>();

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            BreachNotices.Incident incident;
            try {
                incident = BreachNotices.Incident.of(whatHappened, happenedFrom, happenedTo, dataConcerned, likelyConsequences,
                        measuresTaken, contact, whom.all ? "all" : "data-between", whom.all ? null : whom.period.from,
                        whom.all ? null : whom.period.to);
            } catch (InvalidInputException e) {
                err.println("neuromix admin notify-breach: " + OPTION_OF_FIELD.getOrDefault(e.field(), e.field()) + ": "
                        + e.getMessage());
                return NeuroMixCli.EXIT_BAD_INPUT;
            }
            if (!settingsWellFormed(settings, err)) {
                return NeuroMixCli.EXIT_BAD_INPUT;
            }
            ConfigurableApplicationContext started = startService(dataDirectory, settings, err);
            if (started == null) {
                return NeuroMixCli.EXIT_INTERNAL_ERROR;
            }
            try (ConfigurableApplicationContext context = started) {
                BreachNotices breaches = context.getBean(BreachNotices.class);
                if (dryRun) {
                    List<BreachNotices.Recipient> recipients = breaches.dryRun(incident, null);
                    out.println("Dry run: " + recipients.size() + " accounts would be notified (" + incident.describeSelection()
                            + "); nothing was recorded or sent.");
                    for (BreachNotices.Recipient r : recipients) {
                        out.println("  " + r.accountId() + "\t" + r.email());
                    }
                    return 0;
                }
                BreachNotices.Notified notified = breaches.notifyAffected(incident, null);
                awaitSent(context.getBean(Mailer.class));
                out.println("Recorded breach incident #" + notified.incidentId() + "; emailed its notice to " + notified.emailed()
                        + " accounts ("
                        + incident.describeSelection() + "). They also see it at their next sign-in.");
                return 0;
            }
        }
    }

    /** Every queued email is out before the command says so and the service stops (a long queue takes several waits). */
    static void awaitSent(Mailer mailer) throws InterruptedException {
        long end = System.nanoTime() + java.time.Duration.ofHours(1).toNanos();
        while (true) {
            try {
                mailer.flush();
                return;
            } catch (IllegalStateException stillSending) {
                if (System.nanoTime() > end) {
                    throw stillSending;
                }
            }
        }
    }
}
