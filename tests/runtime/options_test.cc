#include <gtest/gtest.h>

#include "parity/runtime/options.h"

namespace parity::rt {
namespace {

TEST(OptionsTest, CanonicalNameOfDefaults) {
  CompileOptions o;
  o.layout = Layout::kNchwc;
  o.threads = 2;
  EXPECT_EQ(o.CanonicalName(), "fp32/nchw16c/fuse-all/conv-auto/t2/b1");
}

TEST(OptionsTest, CanonicalNameListsNonDefaults) {
  CompileOptions o;
  o.layout = Layout::kNchw;
  o.fusion = FusionLevel::kBasic;
  o.disabled_passes = {"constant_folding"};
  o.arena = false;
  o.instances = 2;
  o.gemm = {false, 96, 256, 4096};
  EXPECT_EQ(o.CanonicalName(), "fp32/nchw/fuse-basic-no-constant_folding/conv-auto/t1/b1/gemm-96-256-4096/noarena/i2");
}

TEST(OptionsTest, EveryEnumRoundTripsThroughItsName) {
  for (const auto& e : PrecisionTable()) EXPECT_EQ(ParsePrecision(e.name), e.value);
  for (const auto& e : FusionLevelTable()) EXPECT_EQ(ParseFusionLevel(e.name), e.value);
  for (const auto& e : LayoutTable()) EXPECT_EQ(ParseLayout(e.name), e.value);
  for (const auto& e : ConvAlgoTable()) {
    EXPECT_EQ(ParseConvAlgo(e.name), e.value);
    EXPECT_STREQ(ToString(e.value), e.name);
  }
}

TEST(OptionsTest, UnknownNameListsAllowedOnes) {
  try {
    ParseLayout("nhwc");
    FAIL() << "expected OptionsError";
  } catch (const OptionsError& e) {
    EXPECT_NE(std::string(e.what()).find("allowed: nchw, nchwc, auto"), std::string::npos) << e.what();
  }
  EXPECT_THROW(ParseFusionLevel("max"), OptionsError);
}

TEST(OptionsTest, DefaultsAreValid) {
  EXPECT_NO_THROW(CompileOptions().Validate());
}

TEST(OptionsTest, WinogradRunsOnEitherLayout) {
  for (Layout layout : {Layout::kNchw, Layout::kNchwc, Layout::kAuto}) {
    CompileOptions o;
    o.layout = layout;
    o.conv_algo = ConvAlgo::kWinograd;
    EXPECT_NO_THROW(o.Validate()) << o.CanonicalName();
  }
}

// Each impossible combination is rejected with a message naming the option.
struct BadCase {
  const char* expect_in_message;
  void (*mutate)(CompileOptions&);
};

TEST(OptionsTest, ValidateRejectsImpossibleCombinations) {
  const BadCase cases[] = {
      {"threads", [](CompileOptions& o) { o.threads = 0; }},
      {"batch", [](CompileOptions& o) { o.batch = 0; }},
      {"precision=int8", [](CompileOptions& o) { o.precision = Precision::kInt8; }},
      {"instances", [](CompileOptions& o) { o.instances = 0; }},
      {"channel_block", [](CompileOptions& o) { o.channel_block = 12; }},
      {"unknown", [](CompileOptions& o) { o.disabled_passes = {"fuse_everything"}; }},
      {"layout_nchwc",
       [](CompileOptions& o) {
         o.layout = Layout::kNchwc;
         o.disabled_passes = {"layout_nchwc"};
       }},
      {"conv=im2col",
       [](CompileOptions& o) {
         o.layout = Layout::kNchwc;
         o.conv_algo = ConvAlgo::kIm2col;
       }},
      {"conv=direct",
       [](CompileOptions& o) {
         o.layout = Layout::kNchw;
         o.conv_algo = ConvAlgo::kDirect;
       }},
      {"conv=gemm1x1",
       [](CompileOptions& o) {
         o.layout = Layout::kNchwc;
         o.conv_algo = ConvAlgo::kGemm1x1;
       }},
      {"mc/kc/nc",
       [](CompileOptions& o) {
         o.gemm = {false, 0, 256, 4096};
       }},
      {"dims[seq]", [](CompileOptions& o) { o.dims["seq"] = 0; }},
  };
  for (const auto& c : cases) {
    CompileOptions o;
    c.mutate(o);
    try {
      o.Validate();
      ADD_FAILURE() << "accepted: " << o.CanonicalName();
    } catch (const OptionsError& e) {
      EXPECT_NE(std::string(e.what()).find(c.expect_in_message), std::string::npos) << e.what();
    }
  }
}

TEST(OptionsTest, KnownPassesCanBeDisabled) {
  for (const auto& p : KnownPassNames()) {
    CompileOptions o;
    o.layout = Layout::kNchw;
    o.disabled_passes = {p};
    EXPECT_NO_THROW(o.Validate()) << p;
  }
}

}  // namespace
}  // namespace parity::rt
