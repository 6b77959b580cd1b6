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
import org.neuromix.app.system.InvalidInputException;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code neuromix admin create --email E --name N [--role ADMIN|SUPPORT]}: makes a staff account in
 * the service's database (there is no default administrator or password). The password is read
 * from standard input with {@code --password-stdin}, or generated and printed once.
 */
@Command(name = "admin",
        mixinStandardHelpOptions = true,
        description = {
            "Staff accounts of the service. create: a new verified staff account (or give an existing",
            "account the role). Use the same --data-dir and --name=value settings as 'serve'.",
            "",
            "Exit codes: 0 done; 2 bad input; 1 internal error."
        })
final class AdminCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "ACTION", description = "create")
    String action;

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
        if (!action.equals("create")) {
            err.println("neuromix admin: unknown action '" + action + "' (create)");
            return NeuroMixCli.EXIT_BAD_INPUT;
        }
        String password;
        boolean generated = !passwordFromStdin;
        if (passwordFromStdin) {
            password = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        } else {
            byte[] bytes = new byte[18];
            new SecureRandom().nextBytes(bytes);
            password = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        }
        List<String> arguments = new ArrayList<>();
        arguments.add("--neuromix.data-dir=" + dataDirectory.toAbsolutePath().normalize());
        arguments.add("--db-scheduler.enabled=false");
        arguments.add("--logging.file.name=");
        arguments.add("--logging.level.root=OFF"); // failures are reported below in one line
        arguments.addAll(settings);
        SpringApplication application = new SpringApplication(NeuroMixApplication.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        ConfigurableApplicationContext started;
        try {
            started = application.run(arguments.toArray(String[]::new));
        } catch (RuntimeException e) {
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            err.println("neuromix admin: cannot open the service's database in " + dataDirectory.toAbsolutePath().normalize()
                    + " (with the embedded database, stop 'serve' on this folder first): " + root.getMessage());
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
            err.println("neuromix admin: " + e.field() + ": " + e.getMessage());
            return NeuroMixCli.EXIT_BAD_INPUT;
        }
    }
}
