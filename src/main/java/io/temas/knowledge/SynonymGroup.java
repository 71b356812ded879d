package io.temas.knowledge;

import java.util.List;
import java.util.UUID;

/** Words and phrases that mean the same in a search, e.g. {@code ["fatura", "faktura", "hesap ekstresi"]}. */
public record SynonymGroup(UUID id, List<String> terms) {
}
