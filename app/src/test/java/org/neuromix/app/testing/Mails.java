package org.neuromix.app.testing;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;

/** Reads what the service mailed. */
public final class Mails {
    private Mails() {
    }

    /** The newest mail to {@code email} whose subject contains {@code subject}, waiting up to 10 s. */
    public static MimeMessage latest(GreenMail mail, String email, String subject) throws Exception {
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < end) {
            MimeMessage[] messages = mail.getReceivedMessages();
            for (int i = messages.length - 1; i >= 0; i--) {
                MimeMessage m = messages[i];
                if (m.getRecipients(Message.RecipientType.TO)[0].toString().equalsIgnoreCase(email)
                        && m.getSubject().contains(subject)) {
                    return m;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no mail '" + subject + "' to " + email);
    }

    /** The path and query of the first link to the service in the mail's body. */
    public static String link(MimeMessage message, String path) {
        Matcher m = Pattern.compile("https?://[^/\\s]+(" + Pattern.quote(path) + "\\?token=[A-Za-z0-9_-]+)")
                .matcher(GreenMailUtil.getBody(message));
        if (!m.find()) {
            throw new AssertionError("no " + path + " link in: " + GreenMailUtil.getBody(message));
        }
        return m.group(1);
    }

    public static void followVerificationLink(GreenMail mail, String email, ApiClient client) throws Exception {
        String link = link(latest(mail, email, "Confirm your email"), "/verify");
        ApiClient.Response response = client.get(link);
        if (response.status() != 200 || !response.body().contains("Address confirmed")) {
            throw new AssertionError("verification failed: " + response.status());
        }
    }
}
