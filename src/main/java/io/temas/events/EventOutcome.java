package io.temas.events;

import java.util.List;

/** What became of a batch of events: how many were taken, how many had been taken before (same source id), and the lines refused. */
public record EventOutcome(int taken, int repeated, List<EventRefusal> refused) {
}
