package io.temas.calls;

/** "Call now" again while the callback's call is still ringing or going on: the customer is not called twice at once. */
public class CallbackBeingCalled extends io.temas.shared.Conflict {

    public CallbackBeingCalled(String message) {
        super(message);
    }
}
