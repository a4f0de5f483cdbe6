package dev.riffle.server.transport.webrtc;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import dev.onvoid.webrtc.RTCPeerConnection;
import java.lang.invoke.MethodHandle;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Drops the native reference webrtc-java 0.14 keeps for every peer connection. Its {@code RTCPeerConnection.close()}
 * closes the connection but never releases the reference taken when the connection was created (webrtc-java issue
 * 239, fixed on its main branch after 0.15 by pull request 283; 0.14 is the newest release on Maven Central), so
 * each closed connection's whole native object graph stays allocated: measured here as 0.2-0.34 MB of RSS per
 * connect/close cycle ({@code ./dev bench-rtc}, {@code ./dev bench-rtc-cycles}).
 *
 * <p>The fix calls the object's {@code Release()} - the second virtual function of WebRTC's
 * {@code RefCountInterface}, which {@code PeerConnectionInterface} extends first - through the foreign function API,
 * after {@code close()}. It must not run on WebRTC's signalling thread inside one of the connection's callbacks (the
 * destructor would free the connection under its caller), so {@link WebRtcTransport} calls it from a thread of its
 * own. It is on unless turned off (see {@link #ON}). The API is looked up reflectively so the server still compiles for
 * and runs on Java 21, where it is a preview; there (or if anything here fails) the reference is kept, as
 * webrtc-java does, and {@link #available()} says so.
 */
public final class NativeRelease {
    private static final Logger LOG = LoggerFactory.getLogger(NativeRelease.class);

    private static final Field HANDLE;
    private static final Method OF_ADDRESS;
    private static final Method REINTERPRET;
    private static final Method GET_ADDRESS;
    private static final Object ADDRESS;
    /** (function address, this) -> int: a call to a function found at run time. */
    private static final MethodHandle CALL;
    private static final Throwable UNAVAILABLE;
    /**
     * On unless {@code -Driffle.webrtc.freeClosed=false}. It was opt-in while glibc's heap check
     * ({@code MALLOC_ARENA_MAX=2}) aborted browser connect/close runs, with it on and off alike; since peers release
     * their natives on a thread of their own instead of inside a connection callback, 600 cycles each way ran clean
     * under that check, and with freeing RSS grows ~0.07 MB per cycle instead of ~0.2 (BENCHMARKS.md).
     */
    private static final boolean ON = !"false".equals(System.getProperty("riffle.webrtc.freeClosed"));
    /** Releases that dropped the last reference: the object was freed. */
    private static final AtomicLong FREED = new AtomicLong();

    static {
        Field handle = null;
        Method ofAddress = null;
        Method reinterpret = null;
        Method getAddress = null;
        Object address = null;
        MethodHandle call = null;
        Throwable unavailable = null;
        try {
            handle = Class.forName("dev.onvoid.webrtc.internal.NativeObject").getDeclaredField("nativeHandle");
            handle.setAccessible(true);
            Class<?> segment = Class.forName("java.lang.foreign.MemorySegment");
            Class<?> linkerClass = Class.forName("java.lang.foreign.Linker");
            Class<?> valueLayout = Class.forName("java.lang.foreign.ValueLayout");
            Class<?> addressLayout = Class.forName("java.lang.foreign.AddressLayout");
            Class<?> memoryLayout = Class.forName("java.lang.foreign.MemoryLayout");
            Class<?> descriptorClass = Class.forName("java.lang.foreign.FunctionDescriptor");
            Class<?> option = Class.forName("java.lang.foreign.Linker$Option");
            Object linker = linkerClass.getMethod("nativeLinker").invoke(null);
            ofAddress = segment.getMethod("ofAddress", long.class);
            reinterpret = segment.getMethod("reinterpret", long.class);
            getAddress = segment.getMethod("get", addressLayout, long.class);
            address = valueLayout.getField("ADDRESS").get(null);
            Object int32 = valueLayout.getField("JAVA_INT").get(null);
            Object args = java.lang.reflect.Array.newInstance(memoryLayout, 1);
            java.lang.reflect.Array.set(args, 0, address);
            // RefCountReleaseStatus Release(const RefCountInterface* this)
            Object descriptor = descriptorClass.getMethod("of", memoryLayout, memoryLayout.arrayType())
                    .invoke(null, int32, args);
            call = (MethodHandle) linkerClass.getMethod("downcallHandle", descriptorClass, option.arrayType())
                    .invoke(linker, descriptor, java.lang.reflect.Array.newInstance(option, 0));
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            unavailable = e;
        }
        HANDLE = handle;
        OF_ADDRESS = ofAddress;
        REINTERPRET = reinterpret;
        GET_ADDRESS = getAddress;
        ADDRESS = address;
        CALL = call;
        UNAVAILABLE = unavailable;
    }

    private NativeRelease() {
    }

    /** Whether released connections really free their native memory on this JVM. */
    static boolean available() {
        return UNAVAILABLE == null && ON;
    }

    /** How many released connections were freed at once (no other reference held them), since start-up. */
    public static long freed() {
        return FREED.get();
    }

    /** The connection's native pointer, to read before {@code close()} clears it; 0 if unknown. */
    static long handle(RTCPeerConnection pc) {
        if (!available()) {
            return 0;
        }
        try {
            return HANDLE.getLong(pc);
        } catch (IllegalAccessException e) {
            return 0;
        }
    }

    /**
     * Drops the reference behind {@code handle} (from {@link #handle} before the connection was closed); the
     * connection's native objects are freed if it was the last. Call once per handle, never on WebRTC's threads.
     */
    static void release(long handle) {
        if (handle == 0 || !available()) {
            return;
        }
        try {
            Object self = OF_ADDRESS.invoke(null, handle);
            Object vtable = GET_ADDRESS.invoke(REINTERPRET.invoke(self, 8L), ADDRESS, 0L);
            Object release = GET_ADDRESS.invoke(REINTERPRET.invoke(vtable, 16L), ADDRESS, 8L);
            // RefCountReleaseStatus: 0 = the last reference was dropped (freed), 1 = other references remain
            int status = (int) CALL.invoke(release, self);
            if (status == 0) {
                FREED.incrementAndGet();
            }
        } catch (Throwable e) {
            LOG.warn("Could not release a closed peer connection's native object", e);
        }
    }
}
