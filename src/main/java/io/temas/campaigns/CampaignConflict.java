package io.temas.campaigns;

/** A code, keyword or entry point another campaign already uses. */
public class CampaignConflict extends RuntimeException {

    CampaignConflict(String message) {
        super(message);
    }
}
