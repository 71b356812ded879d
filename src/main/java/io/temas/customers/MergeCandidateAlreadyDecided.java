package io.temas.customers;

import io.temas.shared.Conflict;

/** Someone decided the merge candidate first; {@link #candidate()} says who, when and what. */
public class MergeCandidateAlreadyDecided extends Conflict {

    private final transient MergeCandidates.Candidate candidate;

    public MergeCandidateAlreadyDecided(MergeCandidates.Candidate candidate) {
        super("merge candidate " + candidate.id() + " was already decided (" + candidate.decision().code() + ") by "
                + candidate.decidedBy() + " at " + candidate.decidedAt());
        this.candidate = candidate;
    }

    public MergeCandidates.Candidate candidate() {
        return candidate;
    }
}
