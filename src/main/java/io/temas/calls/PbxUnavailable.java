package io.temas.calls;

/** The PBX could not place a call: not configured, not reachable, or it refused. */
public class PbxUnavailable extends io.temas.shared.RefusedByRule {

    public PbxUnavailable(String message) {
        super(message);
    }
}
