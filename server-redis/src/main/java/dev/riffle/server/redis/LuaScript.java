package dev.riffle.server.redis;

import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One of riffle-redis's Lua scripts on one connection: loaded once and run by its SHA; loaded again when Redis has
 * forgotten it (a restart).
 */
final class LuaScript {
    private final String name;
    private final String source;
    private final StatefulRedisConnection<String, String> redis;
    private volatile String sha;
    private final java.util.concurrent.atomic.AtomicLong reloads = new java.util.concurrent.atomic.AtomicLong();

    /** Loads {@code name} (a resource beside this class) into the Redis of {@code redis}. */
    LuaScript(String name, StatefulRedisConnection<String, String> redis) {
        this.name = name;
        this.source = source(name);
        this.redis = redis;
        this.sha = redis.sync().scriptLoad(source);
    }

    /** Runs the script and waits for its answer (on the caller's thread). */
    List<Object> run(String[] keys, String[] argv) {
        try {
            return redis.sync().evalsha(sha, ScriptOutputType.MULTI, keys, argv);
        } catch (RedisNoScriptException flushed) {
            reloads.incrementAndGet();
            sha = redis.sync().scriptLoad(source);
            return redis.sync().evalsha(sha, ScriptOutputType.MULTI, keys, argv);
        }
    }

    /** Sends the script without waiting; a forgotten script fails it (the next {@link #run} loads it again). */
    RedisFuture<List<Object>> runAsync(String[] keys, String[] argv) {
        return redis.async().evalsha(sha, ScriptOutputType.MULTI, keys, argv);
    }

    /** Loads after the first (Redis forgot the script): round trips of their own. */
    long reloads() {
        return reloads.get();
    }

    @Override
    public String toString() {
        return name;
    }

    private static String source(String name) {
        try (InputStream in = LuaScript.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException | NullPointerException e) {
            throw new UncheckedIOException(new IOException(name + " is missing from riffle-redis", e));
        }
    }
}
