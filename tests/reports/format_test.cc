#include "reports/format.h"

#include <cmath>
#include <limits>

#include <gtest/gtest.h>

namespace parity::report {
namespace {

TEST(Format, SignificantDigits) {
  EXPECT_EQ(FormatSig(12.345), "12.3");
  EXPECT_EQ(FormatSig(0.0012345), "0.00123");
  EXPECT_EQ(FormatSig(1234.6), "1235");
  EXPECT_EQ(FormatSig(2.0), "2");
  EXPECT_EQ(FormatSig(1.1920929e-07), "1.19e-07");
  EXPECT_EQ(FormatSig(-3.5e-6), "-3.50e-06");
  EXPECT_EQ(FormatSig(2.5e7), "2.50e+07");
  EXPECT_EQ(FormatSig(0.0), "0");
}

TEST(Format, NonFiniteAsText) {
  const double inf = std::numeric_limits<double>::infinity();
  EXPECT_EQ(FormatSig(NAN), "NaN");
  EXPECT_EQ(FormatSig(inf), "inf");
  EXPECT_EQ(FormatFixed(-inf, 1), "-inf");
  EXPECT_EQ(FormatCosine(NAN), "NaN");
  EXPECT_EQ(FormatExact(NAN), "nan");
  EXPECT_EQ(FormatExact(-inf), "-inf");
}

TEST(Format, Specialised) {
  EXPECT_EQ(FormatCosine(0.99999994), "0.99999994");
  EXPECT_EQ(FormatCosine(1.0), "1");
  EXPECT_EQ(FormatPercent(0.7612), "76.12%");
  EXPECT_EQ(FormatDeltaPp(-0.001), "-0.10 pp");
  EXPECT_EQ(FormatDeltaPp(0.0), "+0.00 pp");
  EXPECT_EQ(FormatDeltaPp(-0.0), "+0.00 pp");
  EXPECT_EQ(FormatBytes(512), "512 B");
  EXPECT_EQ(FormatBytes(1536 * 1024.0), "1.5 MiB");
  EXPECT_EQ(FormatShape({1, 3, 224, 224}), "1x3x224x224");
  EXPECT_EQ(FormatShape({}), "scalar");
  EXPECT_EQ(FormatExact(0.1), "0.1");
}

TEST(Format, Escaping) {
  EXPECT_EQ(EscapeHtml("a<b & \"c\" 'd'>"), "a&lt;b &amp; &quot;c&quot; &#39;d&#39;&gt;");
  EXPECT_EQ(EscapeMarkdown("a|b_c*d\ne<f"), "a\\|b\\_c\\*d e&lt;f");
  EXPECT_EQ(EscapeCsv("plain"), "plain");
  EXPECT_EQ(EscapeCsv("a,b"), "\"a,b\"");
  EXPECT_EQ(EscapeCsv("say \"hi\""), "\"say \"\"hi\"\"\"");
  EXPECT_EQ(EscapeCsv("two\nlines"), "\"two\nlines\"");
}

}  // namespace
}  // namespace parity::report
