package io.temas.calls;

import io.temas.shared.ReasonCode;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;

/** The PBX adapters there are, and which one places calls: the one {@code temas.calls.pbx} names. */
@Service
public class Pbxes {

    private final List<Pbx> all;
    private final TelephonySettings settings;

    Pbxes(List<Pbx> all, TelephonySettings settings) {
        this.all = List.copyOf(all);
        this.settings = settings;
    }

    /** Every adapter, configured or not. */
    public List<Pbx> all() {
        return all;
    }

    /** The adapter with this code. */
    public Optional<Pbx> find(String code) {
        return all.stream().filter(p -> p.code().equalsIgnoreCase(code)).findFirst();
    }

    /** The code of the adapter that places calls. */
    public String activeCode() {
        return settings.current().pbx();
    }

    /**
     * The adapter that places calls.
     *
     * @throws PbxUnavailable when none is chosen or it is not configured
     */
    public Pbx active() {
        if (activeCode() == null || activeCode().isBlank() || "none".equalsIgnoreCase(activeCode())) {
            throw new PbxUnavailable("no telephone system is chosen to place calls (Telephony settings, or temas.calls.pbx)")
                    .saying(ReasonCode.of("calls.pbx.none"));
        }
        Pbx pbx = find(activeCode()).orElseThrow(() -> new PbxUnavailable("no telephone system '" + activeCode() + "' is known"));
        if (!pbx.ready()) {
            throw new PbxUnavailable("the telephone system " + pbx.code() + " is not configured to place calls")
                    .saying(ReasonCode.of("calls.pbx.notConfigured", pbx.code()));
        }
        return pbx;
    }
}
