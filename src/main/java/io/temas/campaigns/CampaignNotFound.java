package io.temas.campaigns;

/** No campaign, call list or send has the given id. */
public class CampaignNotFound extends RuntimeException {

    CampaignNotFound(String what, Object id) {
        super("no " + what + " " + id);
    }
}
