package io.temas.calls;

import java.util.Optional;

/** Puts the telephony settings back as a test found them (secrets it changed stay: they cannot be cleared from the screen either). */
public final class TelephonyTestSettings {

    private TelephonyTestSettings() {
    }

    public static void restore(TelephonySettings telephony, Optional<TelephonySettings.Saved> before) {
        TelephonySettings.Saved s = before.orElse(new TelephonySettings.Saved(null, null, null, null, null, null, null, null, null, null,
                null, null, null, null));
        telephony.save(new TelephonySettings.Change(s.pbx(), s.publicUrl(), s.ariUrl(), s.ariUsername(), null, s.ariApp(), s.ariTechnology(),
                s.ariContext(), s.twilioAccountSid(), null, s.twilioCallerNumber(), s.twilioDomain(), s.twilioApiUrl(), s.ctiDialUrl()), "test");
    }
}
