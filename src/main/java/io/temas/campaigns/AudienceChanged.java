package io.temas.campaigns;

import io.temas.shared.RefusedByRule;

/** A send whose audience differs sharply from its preview or the campaign's last send; confirm with force to send anyway. */
public class AudienceChanged extends RefusedByRule {

    AudienceChanged(String message) {
        super(message);
    }
}
