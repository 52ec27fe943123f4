package dev.pyconcurrent.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import dev.pyconcurrent.examples.futures.PyFloatRepr;

/**
 * {@link PyFloatRepr}: doubles printed as Python 3's {@code repr(float)} prints them (the scenarios compare pi values
 * with CPython's digit for digit). Expected strings were taken from CPython 3.11.
 */
class PyFloatReprTest {

    @Test
    void plainRangeKeepsOneDigitAfterThePoint() {
        assertEquals("0.1", PyFloatRepr.repr(0.1));
        assertEquals("100.0", PyFloatRepr.repr(100.0));
        assertEquals("0.0001", PyFloatRepr.repr(0.0001));
        assertEquals("1000000000000000.0", PyFloatRepr.repr(1e15));
        assertEquals("3.141587878949823", PyFloatRepr.repr(3.141587878949823));
        assertEquals("-2.5", PyFloatRepr.repr(-2.5));
    }

    @Test
    void outsideThePlainRangeUsesPythonsExponentForm() {
        assertEquals("1e-05", PyFloatRepr.repr(1e-5));
        assertEquals("1e+16", PyFloatRepr.repr(1e16));
        assertEquals("1e+23", PyFloatRepr.repr(1e23));
        assertEquals("5e-324", PyFloatRepr.repr(Double.MIN_VALUE));
        assertEquals("1.2345678901234568e+17", PyFloatRepr.repr(123456789012345680.0));
    }

    @Test
    void digitsAreShortestWhereJdk17sToStringIsNot() {
        // JDK-4511638: Double.toString prints 2.82879384806159008E17 on JDK 17.
        assertEquals("2.82879384806159e+17", PyFloatRepr.repr(2.82879384806159e17));
    }

    @Test
    void specialValuesAreSpelledAsPythonSpellsThem() {
        assertEquals("0.0", PyFloatRepr.repr(0.0));
        assertEquals("-0.0", PyFloatRepr.repr(-0.0));
        assertEquals("nan", PyFloatRepr.repr(Double.NaN));
        assertEquals("inf", PyFloatRepr.repr(Double.POSITIVE_INFINITY));
        assertEquals("-inf", PyFloatRepr.repr(Double.NEGATIVE_INFINITY));
    }

    @Test
    void everyReprReadsBackAsTheSameDouble() {
        Random random = new Random(42);
        for (int i = 0; i < 20_000; i++) {
            double x = Double.longBitsToDouble(random.nextLong());
            if (Double.isNaN(x)) {
                continue;
            }
            String repr = PyFloatRepr.repr(x).replace("inf", "Infinity");
            assertEquals(x, Double.parseDouble(repr), "repr " + repr + " of " + Double.toHexString(x));
        }
    }

    @Test
    void randomDoublesPrintExactlyAsCPythonPrintsThem() throws Exception {
        assumeTrue(PythonOracle.available(), "python3 is not on the PATH");
        Random random = new Random(7);
        List<Double> xs = new ArrayList<>();
        StringBuilder hex = new StringBuilder();
        for (int i = 0; i < 3_000; i++) {
            // Half from all bit patterns, half from the pi scenarios' range, where most lines are.
            double x = i % 2 == 0 ? Double.longBitsToDouble(random.nextLong()) : 3.14 + random.nextDouble() / 100;
            if (Double.isNaN(x)) {
                continue;
            }
            xs.add(x);
            hex.append(Double.toHexString(x)).append('\n');
        }
        List<String> python = PythonOracle.run(
                "import sys\nfor line in sys.stdin: print(repr(float.fromhex(line.strip())))", hex.toString());
        assertEquals(xs.size(), python.size());
        for (int i = 0; i < xs.size(); i++) {
            assertEquals(python.get(i), PyFloatRepr.repr(xs.get(i)), "for " + Double.toHexString(xs.get(i)));
        }
        assertTrue(xs.size() > 2_900);
    }
}
