package org.neuromix.app.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.neuromix.app.system.NodeSettings;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A worker serves no pages and no API: its HTTP port answers the health probes and the metrics
 * (for the operator's monitoring, per node) and 404 to everything else.
 */
@Configuration(proxyBeanMethods = false)
class WorkerNodeFilter {
    @Bean
    FilterRegistrationBean<OncePerRequestFilter> workerOnlyAnswersHealthAndMetrics(NodeSettings node) {
        FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                String path = request.getRequestURI().substring(request.getContextPath().length());
                if (path.startsWith("/actuator/health") || path.equals("/actuator/prometheus")) {
                    chain.doFilter(request, response);
                } else {
                    response.setStatus(404);
                    response.setContentType("text/plain;charset=UTF-8");
                    response.getWriter().write("this NeuroMix node is a worker: it serves no pages (ask a web node)\n");
                }
            }
        });
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        registration.setEnabled(!node.servesPages());
        return registration;
    }
}
