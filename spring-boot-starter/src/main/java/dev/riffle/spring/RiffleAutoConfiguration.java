package dev.riffle.spring;

import dev.riffle.blocks.Blocks;
import dev.riffle.blocks.LiteApp;
import dev.riffle.server.RiffleMetrics;
import dev.riffle.server.RiffleMount;
import dev.riffle.server.Stream;
import dev.riffle.server.transport.webrtc.WebRtcOptions;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.ServletContextInitializer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Riffle in a Spring Boot servlet app, FastRTC's {@code stream.mount(app)}: every {@link Stream} bean is mounted at
 * {@code /<bean name>} ({@code riffle.streams.<bean name>.path} moves it), every {@link Blocks} and {@link LiteApp}
 * bean served at {@code /<bean name>/} ({@code riffle.apps.<bean name>.path}), all in the app's own container
 * (Tomcat by default) under its context path, with their WebSockets on the container's Jakarta WebSocket support.
 * Riffle's Vaadin components with placement SERVER or AUTO mount their streams on the same {@link RiffleMount}. The
 * mount drains when the application context closes ({@link RiffleDrain}: no new sessions, {@code /queue} answers a
 * load balancer's health check with 503, streaming sessions finish for up to {@code riffle.drain-timeout}), then
 * closes (every session left ends). With Micrometer (Actuator) every stream's
 * meters ({@link RiffleMetrics}) join the app's registry; with Actuator's health support {@code riffle} is a health
 * component.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({RiffleMount.class, ServletContextInitializer.class})
@ConditionalOnBooleanProperty(name = "riffle.enabled", matchIfMissing = true)
@EnableConfigurationProperties(RiffleProperties.class)
public class RiffleAutoConfiguration {

    /** The app's streams, apps and settings; installed into the servlet context as it starts. */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    public RiffleMount riffleMount(RiffleProperties properties, Map<String, Stream> streams,
            Map<String, Blocks> apps, Map<String, LiteApp> liteApps,
            ObjectProvider<RiffleMountCustomizer> customizers) {
        modelSettings(properties);
        RiffleMount mount = RiffleMount.create()
                .maxQueueSize(properties.getMaxQueueSize())
                .heartbeatTimeout(properties.getHeartbeatTimeout())
                .webrtc(webrtc(properties.getWebrtc()))
                .allowedOrigins(properties.getAllowedOrigins().toArray(String[]::new));
        if (properties.getDefaultTimeLimit() != null) {
            mount.defaultTimeLimit(properties.getDefaultTimeLimit());
        }
        if (properties.getDefaultConcurrencyLimit() != null) {
            mount.defaultConcurrencyLimit(properties.getDefaultConcurrencyLimit());
        }
        streams.forEach((name, stream) -> mount.mount(path(properties.getStreams(), name), stream));
        apps.forEach((name, app) -> mount.app(path(properties.getApps(), name), app));
        liteApps.forEach((name, app) -> mount.liteApp(path(properties.getApps(), name), app));
        customizers.orderedStream().forEach(c -> c.customize(mount));
        return mount;
    }

    /** Drains the mount first when the context closes (before the web server's own graceful shutdown). */
    @Bean
    public RiffleDrain riffleDrain(RiffleMount mount, RiffleProperties properties) {
        return new RiffleDrain(mount, properties.getDrainTimeout());
    }

    /** Installs the mount while the servlet context starts (servlets can only be added then). */
    @Bean
    public ServletContextInitializer riffleServletContextInitializer(RiffleMount mount) {
        return mount::install;
    }

    static String path(Map<String, RiffleProperties.Mount> configured, String beanName) {
        RiffleProperties.Mount m = configured.get(beanName);
        return m != null && m.getPath() != null ? m.getPath() : "/" + beanName;
    }

    static WebRtcOptions webrtc(RiffleProperties.WebRtc p) {
        if (!p.isEnabled()) {
            return WebRtcOptions.disabled();
        }
        WebRtcOptions options = WebRtcOptions.defaults();
        for (RiffleProperties.IceServer s : p.getIceServers()) {
            if (s.getUsername() != null || s.getCredential() != null) {
                options.iceServer(s.getUrl(), s.getUsername(), s.getCredential());
            } else {
                options.iceServer(s.getUrl());
            }
        }
        if (p.getTurnSecret() != null) {
            options.turnSecret(p.getTurnSecret(), p.getTurnTtl(), p.getTurnUrls().toArray(String[]::new));
        }
        if (p.getAnnouncedAddress() != null) {
            options.announcedAddress(p.getAnnouncedAddress());
        }
        if (p.getPortMin() != null || p.getPortMax() != null) {
            if (p.getPortMin() == null || p.getPortMax() == null) {
                throw new IllegalArgumentException("riffle.webrtc.port-min and port-max go together");
            }
            options.ports(p.getPortMin(), p.getPortMax());
        }
        if (p.getConnectTimeout() != null) {
            options.connectTimeout(p.getConnectTimeout());
        }
        return options;
    }

    /** The model settings the server reads as system properties; a -D on the command line still wins. */
    private static void modelSettings(RiffleProperties p) {
        if (p.getModels() != null && System.getProperty("riffle.models") == null) {
            System.setProperty("riffle.models", p.getModels().toAbsolutePath().toString());
        }
        if (p.getModelsFetch() != null && System.getProperty("riffle.models.fetch") == null) {
            System.setProperty("riffle.models.fetch", p.getModelsFetch().toString());
        }
    }

    /**
     * Tells a shared deployment's directory where this node is reached once the web server has its port (unless
     * {@code riffle.cluster.address} says it): {@code server.address}, or this machine's address, and that port.
     */
    @Bean
    public org.springframework.context.ApplicationListener<org.springframework.boot.web.server.context
            .WebServerInitializedEvent> riffleNodeAddress(RiffleMount mount, RiffleProperties properties) {
        return event -> {
            if (properties.getCluster().getAddress() != null) {
                return;
            }
            mount.advertise(dev.riffle.server.queue.SessionDirectory.nodeAddress(event.getApplicationContext()
                    .getEnvironment().getProperty("server.address"), event.getWebServer().getPort()));
        };
    }

    /** {@code riffle.cluster.*}: the queue and the session directory in Redis, with {@code riffle-redis}. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "dev.riffle.server.redis.RedisQueues")
    static class Cluster {
        @Bean
        @org.springframework.boot.autoconfigure.condition.ConditionalOnProperty(prefix = "riffle.cluster",
                name = "redis-uri")
        RiffleMountCustomizer riffleCluster(RiffleProperties properties) {
            RiffleProperties.Cluster c = properties.getCluster();
            return mount -> {
                dev.riffle.server.redis.RedisQueues queues = dev.riffle.server.redis.RedisQueues
                        .connect(c.getRedisUri()).lease(c.getLease());
                if (c.getNode() != null) {
                    queues.node(c.getNode());
                }
                if (c.getAddress() != null) {
                    queues.address(c.getAddress());
                }
                mount.queue(queues);
            };
        }
    }

    /** Riffle's meters ({@link RiffleMetrics}) in the app's registry, when it has Micrometer (Actuator brings it). */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "io.micrometer.core.instrument.binder.MeterBinder")
    static class Metrics {
        @Bean
        @ConditionalOnMissingBean
        RiffleMetrics riffleMetrics(RiffleMount mount) {
            return new RiffleMetrics(mount);
        }
    }

    /** {@code /actuator/health}'s {@code riffle} component, when the app has Actuator's health support. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
    static class Health {
        @Bean
        @ConditionalOnMissingBean(name = "riffleHealthIndicator")
        RiffleHealthIndicator riffleHealthIndicator(RiffleMount mount) {
            return new RiffleHealthIndicator(mount);
        }
    }
}
