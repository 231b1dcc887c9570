package io.wechatadvisor.decisions.store;

/** A record could not be committed, so its answer must not be sent. */
public class RecordingFailedException extends RuntimeException {

    public RecordingFailedException(String reason) {
        super(reason, null, false, false);
    }
}
