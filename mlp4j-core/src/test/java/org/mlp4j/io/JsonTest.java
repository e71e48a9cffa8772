package org.mlp4j.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mlp4j.InvalidInputException;

/** The JSON reader that recipes, run records and the serve API go through. */
class JsonTest {

    @Test
    void parsesEveryKindOfValueKeepingTheOrderOfKeys() {
        Object v = Json.parse(" {\"b\": [1, -2.5e1, true, false, null], \"a\": \"x\\u00e9\\n\\\"q\\\"\", \"c\": {}} ");
        assertThat(v).isInstanceOf(Map.class);
        @SuppressWarnings("unchecked")
        Map<String, Object> m = (Map<String, Object>) v;
        assertThat(m.keySet()).containsExactly("b", "a", "c");
        assertThat(m.get("b")).isEqualTo(java.util.Arrays.asList(1L, -25.0, true, false, null));
        assertThat(m.get("a")).isEqualTo("xé\n\"q\"");
        assertThat((Map<?, ?>) m.get("c")).isEmpty();
    }

    @Test
    void wholeNumbersAreLongsAndOthersDoubles() {
        assertThat(Json.parse("9223372036854775807")).isEqualTo(Long.MAX_VALUE);
        assertThat(Json.parse("0.1")).isEqualTo(0.1);
        assertThat(Json.parse("1e2")).isEqualTo(100.0);
    }

    @Test
    void errorsNameTheProblemWithItsLineAndColumn() {
        assertThatThrownBy(() -> Json.parse("{\n  \"a\": 1,\n  \"a\": 2\n}"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("duplicate key \"a\" at line 3, column 9");
        assertThatThrownBy(() -> Json.parse("[1, 2"))
                .hasMessageStartingWith("expected ']'")
                .hasMessageEndingWith("at line 1, column 6");
        assertThatThrownBy(() -> Json.parse("{\"a\": 1} x"))
                .hasMessageStartingWith("unexpected text after the JSON value");
        assertThatThrownBy(() -> Json.parse("\"abc")).hasMessageStartingWith("unterminated string");
        assertThatThrownBy(() -> Json.parse("\"a\\qb\"")).hasMessageStartingWith("bad escape \\q");
        assertThatThrownBy(() -> Json.parse("1e999")).hasMessageStartingWith("number out of range '1e999'");
        assertThatThrownBy(() -> Json.parse("99999999999999999999")).hasMessageStartingWith("integer out of range");
        assertThatThrownBy(() -> Json.parse("")).hasMessageStartingWith("unexpected end of JSON");
        assertThatThrownBy(() -> Json.parse("[tru]")).hasMessageStartingWith("expected true");
    }

    /** Issue 24, item 16: numbers exactly as RFC 8259 writes them. */
    @Test
    void numbersAreStrict() {
        assertThatThrownBy(() -> Json.parse("1\u0661"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("bad number: '\u0661' is not an ASCII digit");
        assertThatThrownBy(() -> Json.parse("\u0661")).hasMessageStartingWith("unexpected character");
        assertThatThrownBy(() -> Json.parse("0001")).hasMessageStartingWith("bad number '0001': leading zeros");
        assertThatThrownBy(() -> Json.parse("-01")).hasMessageStartingWith("bad number '-01': leading zeros");
        assertThatThrownBy(() -> Json.parse("1.")).hasMessageStartingWith("bad number '1.': expected digits after");
        assertThatThrownBy(() -> Json.parse("[1.e5]")).hasMessageStartingWith("bad number '1.': expected digits after");
        assertThatThrownBy(() -> Json.parse("1e")).hasMessageStartingWith("bad number '1e': expected digits in the");
        assertThatThrownBy(() -> Json.parse("1e+")).hasMessageStartingWith("bad number '1e+': expected digits in");
        assertThatThrownBy(() -> Json.parse("-")).hasMessageStartingWith("bad number '-': expected a digit");
        assertThatThrownBy(() -> Json.parse("-x")).hasMessageStartingWith("bad number '-x': expected a digit");
        assertThatThrownBy(() -> Json.parse("9999999999999999999")).hasMessageStartingWith("integer out of range");
        assertThatThrownBy(() -> Json.parse("\"\\u+123\"")).hasMessageStartingWith("bad \\u escape");
        assertThatThrownBy(() -> Json.parse("\"\\u00g1\"")).hasMessageStartingWith("bad \\u escape");
        assertThat(Json.parse("0")).isEqualTo(0L);
        assertThat(Json.parse("-0")).isEqualTo(0L);
        assertThat(Json.parse("0.5")).isEqualTo(0.5);
        assertThat(Json.parse("-0.25E+2")).isEqualTo(-25.0);
        assertThat(Json.parse("10e-1")).isEqualTo(1.0);
        assertThat(Json.parse("\"\\u00E9\\u00e9\\u0041\"")).isEqualTo("ééA");
    }

    @Test
    void deepNestingIsRefusedBeforeTheStackRunsOut() {
        String deep = "[".repeat(100_000) + "]".repeat(100_000);
        assertThatThrownBy(() -> Json.parse(deep))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("JSON nested deeper than");
    }

    @Test
    void quoteWritesWhatParseReads() {
        String s = "tab\t, quote \", backslash \\, newline \n, control \u0001, é";
        assertThat(Json.parse(Json.quote(s))).isEqualTo(s);
        assertThat(Json.describe(List.of())).isNotEmpty();
    }
}
