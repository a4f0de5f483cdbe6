package dev.riffle.vaadin;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.ComponentEvent;
import com.vaadin.flow.component.ComponentEventListener;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.DomEvent;
import com.vaadin.flow.component.EventData;
import com.vaadin.flow.component.dependency.JsModule;
import com.vaadin.flow.component.dependency.StyleSheet;
import com.vaadin.flow.shared.Registration;
import dev.riffle.stream.Protocol;

/**
 * A component that captures media in the browser and streams it to a handler: the webcam ({@link WebcamImage}) or
 * the microphone ({@link MicrophoneAudio}). Its element has the Start/Stop button, the queue position line and
 * Gradio's orange time-limit bar; {@code stream(...)} wires it to a handler (see {@link StreamWiring}).
 *
 * <p>Events follow the stream's life: {@link StreamStartedEvent} (the user started the camera or microphone),
 * {@link SessionStartedEvent} (a server session exists; its id), {@link QueueChangedEvent} (waiting with a position,
 * or admitted with the time limit), {@link StreamErrorEvent}, {@link StreamClosedEvent} (the server ended the session)
 * and {@link StreamStoppedEvent} (the user stopped).
 */
@JsModule("./riffle/vaadin-stream.js")
@StyleSheet("context://frontend/riffle/riffle.css")
public abstract class MediaSource extends Component implements HasMediaLabel {
    private StreamWiring wiring;
    /** between a start and a stop as the browser reported them */
    private boolean streaming;

    protected MediaSource() {
        addStreamStartedListener(e -> streaming = true);
        addStreamStoppedListener(e -> streaming = false);
    }

    /**
     * Taken out of the view while streaming, the element stops its stream in the browser (its session ends, the
     * camera or microphone is released), but the browser's {@code stream-stopped} event cannot reach a detached
     * component: the component fires {@link StreamStoppedEvent} itself, so listeners ({@link QueueStatus}, a view's
     * own) do not go on believing it streams, after {@link StreamClosedEvent} with code {@code stopped}, as its
     * session ended.
     */
    @Override
    protected void onDetach(DetachEvent detachEvent) {
        super.onDetach(detachEvent);
        if (streaming) {
            // its session ended: the server's closed message went to a page element that is gone
            fireEvent(new StreamClosedEvent(this, false, "stopped",
                    "The component was removed from the view: its stream stopped and its session ended."));
            fireEvent(new StreamStoppedEvent(this, false));
        }
    }

    /** Whether the browser reported a start that no stop has followed yet. */
    public boolean isStreaming() {
        return streaming;
    }


    /** Starts streaming as soon as the component shows (the user still has to allow the camera or microphone). */
    public void setAutostart(boolean autostart) {
        getElement().setAttribute("autostart", autostart);
    }

    public boolean isAutostart() {
        return getElement().hasAttribute("autostart");
    }

    /** The stream this component triggers, or {@code null} before {@code stream(...)}. */
    public StreamWiring getStreamWiring() {
        return wiring;
    }

    /** Remembers the wiring; a source triggers one stream. */
    StreamWiring wire(StreamWiring wiring) {
        if (this.wiring != null) {
            throw new IllegalStateException("This component already streams to '" + this.wiring.getName()
                    + "'; a source triggers one stream");
        }
        this.wiring = wiring;
        return wiring;
    }

    public Registration addStreamStartedListener(ComponentEventListener<StreamStartedEvent> listener) {
        return addListener(StreamStartedEvent.class, listener);
    }

    public Registration addStreamStoppedListener(ComponentEventListener<StreamStoppedEvent> listener) {
        return addListener(StreamStoppedEvent.class, listener);
    }

    public Registration addSessionStartedListener(ComponentEventListener<SessionStartedEvent> listener) {
        return addListener(SessionStartedEvent.class, listener);
    }

    public Registration addQueueChangedListener(ComponentEventListener<QueueChangedEvent> listener) {
        return addListener(QueueChangedEvent.class, listener);
    }

    public Registration addStreamErrorListener(ComponentEventListener<StreamErrorEvent> listener) {
        return addListener(StreamErrorEvent.class, listener);
    }

    public Registration addStreamClosedListener(ComponentEventListener<StreamClosedEvent> listener) {
        return addListener(StreamClosedEvent.class, listener);
    }

    /** The user started the camera or microphone (the media is flowing to the handler, or queued). */
    @DomEvent("stream-started")
    public static class StreamStartedEvent extends ComponentEvent<MediaSource> {
        public StreamStartedEvent(MediaSource source, boolean fromClient) {
            super(source, fromClient);
        }
    }

    /** The user stopped streaming (or the component was detached). */
    @DomEvent("stream-stopped")
    public static class StreamStoppedEvent extends ComponentEvent<MediaSource> {
        public StreamStoppedEvent(MediaSource source, boolean fromClient) {
            super(source, fromClient);
        }
    }

    /** A server session serves this component's stream: FastRTC's {@code webrtc_id}. */
    @DomEvent("riffle-session")
    public static class SessionStartedEvent extends ComponentEvent<MediaSource> {
        private final String sessionId;
        private final String transport;

        public SessionStartedEvent(MediaSource source, boolean fromClient,
                @EventData("event.detail.sessionId") String sessionId,
                @EventData("event.detail.transport") String transport) {
            super(source, fromClient);
            this.sessionId = sessionId;
            this.transport = transport;
        }

        public String getSessionId() {
            return sessionId;
        }

        /** {@code webrtc} or {@code websocket}. */
        public String getTransport() {
            return transport;
        }
    }

    /** The session's place: waiting in line (with its position and estimate) or admitted (with its time limit). */
    @DomEvent("riffle-queue")
    public static class QueueChangedEvent extends ComponentEvent<MediaSource> {
        private final boolean admitted;
        private final int position;
        private final Double eta;
        private final Double timeLimit;

        public QueueChangedEvent(MediaSource source, boolean fromClient,
                @EventData("event.detail.state") String state,
                @EventData("event.detail.position") int position,
                @EventData("event.detail.eta") Double eta,
                @EventData("event.detail.timeLimit") Double timeLimit) {
            super(source, fromClient);
            this.admitted = Protocol.QueueState.ADMITTED.equals(state);
            this.position = position;
            this.eta = eta;
            this.timeLimit = timeLimit;
        }

        /** Whether the handler serves this session now (else it waits). */
        public boolean isAdmitted() {
            return admitted;
        }

        /** Place in line, 1 = next; 0 once admitted. */
        public int getPosition() {
            return position;
        }

        /** Estimated seconds until admitted, or {@code null} when unknown or admitted. */
        public Double getEta() {
            return eta;
        }

        /** Seconds this session may stream once admitted, or {@code null} for no limit. */
        public Double getTimeLimit() {
            return timeLimit;
        }
    }

    /** The handler or the transport failed; the message says how. */
    @DomEvent("riffle-error")
    public static class StreamErrorEvent extends ComponentEvent<MediaSource> {
        private final String message;

        public StreamErrorEvent(MediaSource source, boolean fromClient,
                @EventData("event.detail.message") String message) {
            super(source, fromClient);
            this.message = message;
        }

        public String getMessage() {
            return message;
        }
    }

    /** The server ended the session (time limit with no rejoin, handler closed it, server shut down, ...). */
    @DomEvent("riffle-closed")
    public static class StreamClosedEvent extends ComponentEvent<MediaSource> {
        private final String code;
        private final String message;

        public StreamClosedEvent(MediaSource source, boolean fromClient,
                @EventData("event.detail.code") String code,
                @EventData("event.detail.message") String message) {
            super(source, fromClient);
            this.code = code;
            this.message = message;
        }

        /** Why, as a code: {@code stopped}, {@code left}, {@code closed_by_handler}, {@code disconnected}, ... */
        public String getCode() {
            return code;
        }

        public String getMessage() {
            return message;
        }
    }
}
