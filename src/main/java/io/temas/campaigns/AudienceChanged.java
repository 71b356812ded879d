package io.temas.campaigns;

/** A send whose audience differs sharply from its preview or the campaign's last send; confirm with force to send anyway. */
public class AudienceChanged extends RuntimeException {

    AudienceChanged(String message) {
        super(message);
    }
}
