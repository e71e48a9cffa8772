package org.mlp4j.recipe;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.mlp4j.InvalidInputException;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.common.Anchor;
import org.snakeyaml.engine.v2.events.AliasEvent;
import org.snakeyaml.engine.v2.events.CollectionEndEvent;
import org.snakeyaml.engine.v2.events.CollectionStartEvent;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.events.ScalarEvent;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.scanner.StreamReader;

/**
 * YAML recipes, with the same limits as JSON: nesting checked on the event stream first (composing a
 * 5,000-deep document recurses past the stack), duplicate keys refused, and errors with their line and
 * column. The only class that touches snakeyaml-engine, so the core needs it only for YAML.
 */
final class YamlRecipe {
    private YamlRecipe() {}

    static Object parse(String text, String source, int maxBytes, int maxDepth) {
        LoadSettings settings = LoadSettings.builder()
                .setLabel(source)
                .setAllowDuplicateKeys(false)
                .setMaxAliasesForCollections(MAX_ALIASES)
                .setCodePointLimit(maxBytes)
                .build();
        try {
            checkEvents(settings, text, source, maxBytes, maxDepth);
            return new Load(settings).loadFromString(text);
        } catch (MarkedYamlEngineException e) {
            throw new InvalidInputException(
                    "recipe",
                    "recipe " + source + where(e.getProblemMark()) + ": not valid YAML: "
                            + (e.getProblem() == null
                                    ? e.getMessage().lines().findFirst().orElse("")
                                    : e.getProblem()));
        } catch (YamlEngineException e) {
            throw new InvalidInputException(
                    "recipe",
                    "recipe " + source + ": not valid YAML: "
                            + e.getMessage().lines().findFirst().orElse(""));
        }
    }

    /** Aliases of any kind (scalars too; snakeyaml's own cap counts only collections) a recipe may use. */
    static final int MAX_ALIASES = 50;

    /**
     * One pass over the event stream before anything is built: nesting, the number of aliases, and the size
     * of the document with every alias expanded. A 1 MB recipe whose {@code layers} repeats one long
     * anchored string by alias would otherwise become a string of gigabytes when the value is read.
     */
    private static void checkEvents(LoadSettings settings, String text, String source, int maxChars, int maxDepth) {
        Map<Anchor, Long> anchored = new HashMap<>();
        Deque<Open> open = new ArrayDeque<>();
        long expanded = 0;
        int aliases = 0;
        ParserImpl events = new ParserImpl(settings, new StreamReader(settings, text));
        while (events.hasNext()) {
            Event e = events.next();
            if (e instanceof CollectionStartEvent start) {
                if (open.size() == maxDepth) {
                    throw new InvalidInputException(
                            "recipe",
                            "recipe " + source + where(e.getStartMark()) + ": YAML nested deeper than " + maxDepth
                                    + " levels (a recipe needs 2)");
                }
                open.push(new Open(start.getAnchor().orElse(null), expanded));
            } else if (e instanceof CollectionEndEvent) {
                Open o = open.pop();
                if (o.anchor() != null) {
                    anchored.put(o.anchor(), expanded - o.start());
                }
            } else if (e instanceof ScalarEvent scalar) {
                long size = scalar.getValue().length() + 1L;
                expanded += size;
                scalar.getAnchor().ifPresent(a -> anchored.put(a, size));
            } else if (e instanceof AliasEvent alias) {
                if (++aliases > MAX_ALIASES) {
                    throw new InvalidInputException(
                            "recipe",
                            "recipe " + source + where(e.getStartMark()) + ": expected at most " + MAX_ALIASES
                                    + " YAML aliases, found more");
                }
                expanded += anchored.getOrDefault(alias.getAlias(), 0L);
            }
            if (expanded > maxChars) {
                throw new InvalidInputException(
                        "recipe",
                        "recipe " + source + where(e.getStartMark()) + ": expected a recipe of at most " + maxChars
                                + " characters with its YAML aliases expanded, found more");
            }
        }
    }

    /** A collection being read: its anchor (or null) and the expanded size when it started. */
    private record Open(Anchor anchor, long start) {}

    private static String where(Optional<Mark> mark) {
        return mark.map(m -> " line " + (m.getLine() + 1) + ", column " + (m.getColumn() + 1))
                .orElse("");
    }
}
