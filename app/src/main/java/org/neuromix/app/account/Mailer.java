package org.neuromix.app.account;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.neuromix.app.storage.StorageSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;

/**
 * Sends the service's emails: over SMTP when {@code spring.mail.host} is set, otherwise into
 * {@code <data-dir>/outbox} as {@code .eml} files the operator can open (the embedded default).
 * Sending happens on its own thread, so that a request takes as long whether or not it sends an
 * email (sign-up and password reset must not reveal who has an account by their timing).
 */
@Component
public class Mailer {
    private static final Logger log = LoggerFactory.getLogger(Mailer.class);
    private final ObjectProvider<JavaMailSender> smtp;
    private final Path outbox;
    private final String from;
    private final Clock clock;

    private final JdbcClient jdbc;

    Mailer(ObjectProvider<JavaMailSender> smtp, StorageSettings storage, Clock clock, JdbcClient jdbc,
           @Value("${neuromix.mail.from:NeuroMix <no-reply@neuromix.local>}") String from) {
        this.jdbc = jdbc;
        this.smtp = smtp;
        this.outbox = storage.outbox();
        this.from = from;
        this.clock = clock;
    }

    private final ExecutorService sending = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "mailer");
        thread.setDaemon(true);
        return thread;
    });

    /**
     * Queues the email; {@code type} names its kind (verification, password-reset, ...) for the
     * email log, which records every email sent (recipient, subject, type, time).
     *
     * @param accountId the account it concerns, or null
     */
    public void send(Long accountId, String to, String subject, String text, String type) {
        sending.execute(() -> {
            try {
                sendNow(to, subject, text, type);
                jdbc.sql("insert into email_log (account_id, recipient, subject, type, sent_at) values (?, ?, ?, ?, ?)")
                        .params(accountId, to, subject.length() > 300 ? subject.substring(0, 300) : subject, type,
                                java.sql.Timestamp.from(clock.instant()))
                        .update();
            } catch (RuntimeException e) {
                log.warn("could not send the {} email: {}", type, e.getMessage());
            }
        });
    }

    /** Deletes email-log entries written before {@code cutoff}; returns how many. */
    public int deleteLogBefore(java.time.Instant cutoff) {
        return jdbc.sql("delete from email_log where sent_at < ?").param(java.sql.Timestamp.from(cutoff)).update();
    }

    public int countLogBefore(java.time.Instant cutoff) {
        return jdbc.sql("select count(*) from email_log where sent_at < ?").param(java.sql.Timestamp.from(cutoff))
                .query(Integer.class).single();
    }

    /** Deletes the email log of an account; returns how many entries. */
    public int deleteLogOf(long accountId) {
        return jdbc.sql("delete from email_log where account_id = ?").param(accountId).update();
    }

    /** The emails sent to an account (for its data export): recipient, subject, type, sent at. */
    public java.util.List<java.util.Map<String, Object>> logOf(long accountId) {
        return jdbc.sql("select recipient, subject, type, sent_at from email_log where account_id = ? order by sent_at")
                .param(accountId).query((rs, row) -> {
                    java.util.Map<String, Object> entry = new java.util.LinkedHashMap<>();
                    entry.put("recipient", rs.getString(1));
                    entry.put("subject", rs.getString(2));
                    entry.put("type", rs.getString(3));
                    entry.put("sentAt", rs.getTimestamp(4).toInstant().toString());
                    return entry;
                }).list();
    }

    /** Waits until every queued email is sent (for tests and shutdown). */
    public void flush() throws InterruptedException {
        try {
            sending.submit(() -> { }).get(10, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("the mailer did not finish", e);
        }
    }

    @PreDestroy
    void finishSending() throws InterruptedException {
        sending.shutdown();
        sending.awaitTermination(10, TimeUnit.SECONDS);
    }

    private void sendNow(String to, String subject, String text, String type) {
        JavaMailSender sender = smtp.getIfAvailable();
        try {
            MimeMessage message = sender != null ? sender.createMimeMessage() : new MimeMessage(Session.getInstance(new Properties()));
            message.setFrom(new InternetAddress(from));
            message.setRecipient(MimeMessage.RecipientType.TO, new InternetAddress(to));
            message.setSubject(subject, "UTF-8");
            message.setText(text, "UTF-8");
            message.setSentDate(java.util.Date.from(clock.instant()));
            if (sender != null) {
                sender.send(message);
            } else {
                writeToOutbox(message, type);
            }
            log.info("sent {} email", type);
        } catch (MessagingException | MailException e) {
            throw new IllegalStateException("could not send the " + type + " email: " + e.getMessage(), e);
        }
    }

    private void writeToOutbox(MimeMessage message, String type) throws MessagingException {
        try {
            Files.createDirectories(outbox);
            String name = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(clock.getZone()).format(clock.instant())
                    + "-" + type + "-" + UUID.randomUUID().toString().substring(0, 8) + ".eml";
            Path temp = Files.createTempFile(outbox, ".mail-", ".part");
            try (OutputStream out = Files.newOutputStream(temp)) {
                message.writeTo(out);
            }
            Files.move(temp, outbox.resolve(name), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write to the mail outbox " + outbox, e);
        }
    }
}
