package org.neuromix.app.web;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import jakarta.servlet.ServletException;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.util.NetMaskSet;
import org.apache.catalina.valves.RemoteIpValve;
import org.apache.catalina.valves.ValveBase;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * A reverse proxy may say who the client is in three ways: {@code X-Forwarded-For}/{@code -Proto}
 * (which Tomcat's RemoteIpValve reads), RFC 7239 {@code Forwarded}, or nginx's {@code X-Real-IP}.
 * From a trusted proxy (the one setting {@code server.tomcat.remoteip.internal-proxies}, private
 * and loopback addresses by default) the other two are translated into the first before the
 * RemoteIpValve runs, so that every proxy gets the same treatment: the client's address decides
 * throttling and who may read the metrics, the scheme decides HSTS and Secure cookies. From anyone
 * else they are ignored, as X-Forwarded-For is.
 */
@Configuration(proxyBeanMethods = false)
class ProxyHeaders {
    @Bean
    TranslatingCustomizer translateOtherProxyHeaders(@Value("${server.tomcat.remoteip.internal-proxies:}") String internalProxies) {
        return new TranslatingCustomizer(trustedProxies(internalProxies.isBlank()
                ? new RemoteIpValve().getInternalProxies() : internalProxies));
    }

    /** The same proxies RemoteIpValve trusts: a CIDR list (Tomcat's default) or a regular expression. */
    static Predicate<String> trustedProxies(String setting) {
        NetMaskSet cidr = new NetMaskSet();
        if (cidr.addAll(setting).isEmpty() && !cidr.isEmpty()) {
            return address -> {
                try {
                    return cidr.contains(address);
                } catch (java.net.UnknownHostException notAnAddress) {
                    return false;
                }
            };
        }
        Pattern regex = Pattern.compile(setting);
        return address -> regex.matcher(address).matches();
    }

    /** Runs before Boot's customizer adds its RemoteIpValve: valves run in the order they are added. */
    record TranslatingCustomizer(Predicate<String> trusted) implements WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory>, Ordered {
        @Override
        public void customize(ConfigurableTomcatWebServerFactory factory) {
            factory.addEngineValves(new TranslatingValve(trusted));
        }

        @Override
        public int getOrder() {
            return Ordered.HIGHEST_PRECEDENCE;
        }
    }

    static final class TranslatingValve extends ValveBase {
        private final Predicate<String> trusted;

        TranslatingValve(Predicate<String> trusted) {
            super(true);
            this.trusted = trusted;
        }

        @Override
        public void invoke(Request request, Response response) throws IOException, ServletException {
            if (request.getHeader("x-forwarded-for") == null && trusted.test(String.valueOf(request.getRemoteAddr()))) {
                String forwarded = request.getHeader("forwarded");
                String realIp = request.getHeader("x-real-ip");
                Translated translated = forwarded != null ? fromForwarded(forwarded)
                        : realIp != null ? new Translated(clean(realIp), null) : null;
                if (translated != null && translated.forwardedFor() != null) {
                    request.getCoyoteRequest().getMimeHeaders().setValue("x-forwarded-for").setString(translated.forwardedFor());
                    if (translated.proto() != null && request.getHeader("x-forwarded-proto") == null) {
                        request.getCoyoteRequest().getMimeHeaders().setValue("x-forwarded-proto").setString(translated.proto());
                    }
                }
            }
            getNext().invoke(request, response);
        }
    }

    /** X-Forwarded-For's value (client first) and the scheme the nearest proxy saw. */
    record Translated(String forwardedFor, String proto) {
    }

    /** RFC 7239: {@code for=192.0.2.60;proto=https, for="[2001:db8::17]:4711"}; obfuscated and unknown nodes are skipped. */
    static Translated fromForwarded(String header) {
        List<String> addresses = new ArrayList<>();
        String proto = null;
        for (String element : header.split(",")) {
            for (String pair : element.split(";")) {
                int equals = pair.indexOf('=');
                if (equals < 0) {
                    continue;
                }
                String name = pair.substring(0, equals).strip().toLowerCase(Locale.ROOT);
                String value = pair.substring(equals + 1).strip();
                if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                    value = value.substring(1, value.length() - 1);
                }
                if (name.equals("for")) {
                    String address = clean(value);
                    if (address != null) {
                        addresses.add(address);
                    }
                } else if (name.equals("proto") && (value.equalsIgnoreCase("http") || value.equalsIgnoreCase("https"))) {
                    proto = value.toLowerCase(Locale.ROOT); // the last one: the proxy nearest to us
                }
            }
        }
        return new Translated(addresses.isEmpty() ? null : String.join(", ", addresses), proto);
    }

    /** An address without brackets or port; null for obfuscated ("_hidden"), "unknown" or malformed ones. */
    static String clean(String node) {
        String value = node.strip();
        if (value.startsWith("[")) { // [IPv6]:port
            int end = value.indexOf(']');
            return end > 1 && value.substring(1, end).matches("[0-9A-Fa-f:.]+") ? value.substring(1, end) : null;
        }
        int colon = value.indexOf(':');
        if (colon > 0 && value.indexOf(':', colon + 1) < 0) { // IPv4:port
            value = value.substring(0, colon);
        }
        return value.matches("[0-9.]{7,15}|[0-9A-Fa-f:]{2,39}") ? value : null;
    }
}
