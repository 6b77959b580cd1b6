package org.neuromix.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/neuromix admin notify-breach}, as an operator runs it on the data folder: the dry run
 * lists every account and sends nothing; the real run emails each account exactly one notice
 * (into the outbox, the embedded default) with the Art. 34 contents; bad input exits 2.
 */
class NotifyBreachIT {
    private static final Path LAUNCHER = Path.of("..", "bin", "neuromix").toAbsolutePath().normalize();

    @TempDir
    Path directory;

    private record Run(int exit, String output) {
    }

    private Run neuromix(String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of(LAUNCHER.toString()));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(3, TimeUnit.MINUTES));
        return new Run(process.exitValue(), output);
    }

    private List<Path> notices(Path data) throws Exception {
        Path outbox = data.resolve("outbox");
        if (!Files.isDirectory(outbox)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(outbox)) {
            return files.filter(f -> f.getFileName().toString().contains("-breach-notice-")).sorted().toList();
        }
    }

    private static String[] incident(Path data, String... more) {
        List<String> arguments = new ArrayList<>(List.of("admin", "notify-breach",
                "--what", "A laptop with a database copy was stolen.", "--from", "2027-02-01T08:00Z", "--to", "2027-02-01T09:00Z",
                "--data", "Names and email addresses.", "--consequences", "Phishing emails.",
                "--measures", "The copy was encrypted; we rotated all keys.", "--contact", "dpo@neuromix.example",
                "--data-dir", data.toString()));
        arguments.addAll(List.of(more));
        return arguments.toArray(String[]::new);
    }

    @Test
    void theDryRunListsWhoWouldBeNotifiedAndTheRunEmailsEachOnce() throws Exception {
        Path data = directory.resolve("data");
        for (String email : List.of("ann@example.com", "bob@example.com")) {
            Run created = neuromix("admin", "create", "--email", email, "--role", "USER", "--data-dir", data.toString());
            assertEquals(0, created.exit(), created.output());
        }
        Run missing = neuromix("admin", "notify-breach", "--what", "x", "--from", "2027-02-01", "--all",
                "--data-dir", data.toString());
        assertEquals(2, missing.exit(), missing.output());
        Run badTime = neuromix(incident(data, "--data-from", "yesterday", "--data-to", "2027-02-01"));
        assertEquals(2, badTime.exit(), badTime.output());
        assertTrue(badTime.output().contains("--data-from: "), badTime.output());

        Run dryRun = neuromix(incident(data, "--all", "--dry-run"));
        assertEquals(0, dryRun.exit(), dryRun.output());
        assertTrue(dryRun.output().contains("Dry run: 2 accounts would be notified"), dryRun.output());
        assertTrue(dryRun.output().contains("ann@example.com") && dryRun.output().contains("bob@example.com"), dryRun.output());
        assertEquals(List.of(), notices(data), "a dry run sends nothing");

        Run run = neuromix(incident(data, "--all"));
        assertEquals(0, run.exit(), run.output());
        assertTrue(run.output().contains("emailed its notice to 2 accounts"), run.output());
        List<Path> sent = notices(data);
        assertEquals(2, sent.size(), sent.toString());
        List<String> recipients = new ArrayList<>();
        for (Path mail : sent) {
            String text = Files.readString(mail, StandardCharsets.ISO_8859_1).replace("=\r\n", "").replace("=\n", "");
            recipients.add(text.lines().filter(l -> l.startsWith("To: ")).findFirst().orElse(""));
            for (String part : List.of("What happened:", "A laptop with a database copy was stolen.",
                    "When: from 2027-02-01T08:00:00Z to 2027-02-01T09:00:00Z (UTC)", "Which data it concerns:",
                    "Likely consequences:", "Measures taken or proposed:", "Contact:", "dpo@neuromix.example")) {
                assertTrue(text.contains(part), part + " in " + text);
            }
        }
        assertEquals(List.of("To: ann@example.com", "To: bob@example.com"), recipients.stream().sorted().toList(),
                "each account once");
    }
}
