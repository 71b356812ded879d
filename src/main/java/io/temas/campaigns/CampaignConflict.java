package io.temas.campaigns;

import io.temas.shared.Conflict;

/** A code, keyword or entry point another campaign already uses. */
public class CampaignConflict extends Conflict {

    CampaignConflict(String message) {
        super(message);
    }
}
