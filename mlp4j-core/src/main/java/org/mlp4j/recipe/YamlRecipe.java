package org.mlp4j.recipe;

import java.util.Optional;
import org.mlp4j.InvalidInputException;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.events.CollectionEndEvent;
import org.snakeyaml.engine.v2.events.CollectionStartEvent;
import org.snakeyaml.engine.v2.events.Event;
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
                .setMaxAliasesForCollections(50)
                .setCodePointLimit(maxBytes)
                .build();
        try {
            int depth = 0;
            ParserImpl events = new ParserImpl(settings, new StreamReader(settings, text));
            while (events.hasNext()) {
                Event e = events.next();
                if (e instanceof CollectionStartEvent) {
                    if (++depth > maxDepth) {
                        throw new InvalidInputException(
                                "recipe",
                                "recipe " + source + where(e.getStartMark()) + ": YAML nested deeper than " + maxDepth
                                        + " levels (a recipe needs 2)");
                    }
                } else if (e instanceof CollectionEndEvent) {
                    depth--;
                }
            }
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

    private static String where(Optional<Mark> mark) {
        return mark.map(m -> " line " + (m.getLine() + 1) + ", column " + (m.getColumn() + 1))
                .orElse("");
    }
}
