package com.example.shop;

import com.vaadin.flow.component.page.AppShellConfigurator;
import com.vaadin.flow.component.page.Push;
import dev.riffle.filters.Filters;
import dev.riffle.server.Stream;
import java.time.Duration;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * A Vaadin app on Spring Boot (Tomcat) with Riffle: riffle-spring-boot-starter mounts the {@code flip} bean at
 * {@code /flip} (its own page, FastRTC's routes, WebSocket and WebRTC), and the views' streams on the same engine.
 * Push is on so a handler's values reach the views.
 */
@SpringBootApplication
@Push
public class ShopApplication implements AppShellConfigurator {

    /** A stream as FastRTC mounts one: {@code /flip/} is its page, {@code /flip/websocket} its socket. */
    @Bean
    Stream flip() {
        return Stream.video(Filters.FLIP).timeLimit(Duration.ofSeconds(60)).concurrencyLimit(4).build();
    }

    public static void main(String[] args) {
        SpringApplication.run(ShopApplication.class, args);
    }
}
