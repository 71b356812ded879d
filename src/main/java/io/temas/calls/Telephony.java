package io.temas.calls;

/**
 * The telephony settings in effect: what the settings screen saved, and for anything it left empty
 * the {@code temas.calls.*}, {@code temas.asterisk.*}, {@code temas.twilio-voice.*} and
 * {@code temas.cti.*} settings. Secrets are in here for the adapters; screens show only whether they are set.
 *
 * @param pbx        the code of the adapter that places calls, or null for none
 * @param publicUrl  the address PBXes reach Temas at (webhooks, Twilio's status callbacks), or null when unknown
 * @param ari        Asterisk's REST interface
 * @param twilio     Twilio Programmable Voice
 * @param ctiDialUrl where the generic CTI connection posts calls to place, or null
 * @param saved      whether the settings screen ever saved them
 */
public record Telephony(String pbx, String publicUrl, Ari ari, Twilio twilio, String ctiDialUrl, boolean saved) {

    /** Asterisk's REST interface: where, who, the Stasis application, how agents' phones are dialled, the dialplan context for click-to-call. */
    public record Ari(String url, String username, String password, String app, String technology, String context) {

        public boolean configured() {
            return present(url) && present(username) && present(password) && present(app);
        }
    }

    /** Twilio: the account, the number shown to customers, the client or SIP domain agents' phones are on, and the REST API's root. */
    public record Twilio(String accountSid, String authToken, String callerNumber, String domain, String apiUrl) {

        public boolean configured() {
            return present(accountSid) && present(authToken);
        }
    }

    static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}
