package io.temas.campaigns;

import io.temas.shared.NotFound;

/** No campaign, call list or send has the given id. */
public class CampaignNotFound extends NotFound {

    CampaignNotFound(String what, Object id) {
        super("no " + what + " " + id);
    }
}
