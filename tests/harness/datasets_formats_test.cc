// npy_folder, onnx_test_data and csv datasets on fixtures written at test time.
#include <gtest/gtest.h>

#include "harness/io/npy.h"
#include "harness/io/tensor_pb.h"
#include "tests/harness/dataset_fixture.h"

namespace parity {
namespace {

namespace fs = std::filesystem;

Tensor Floats(Dims dims, std::vector<double> values) { return Tensor::FromDoubles(ElementType::kFloat, dims, values); }

// ---- npy_folder ----

TEST_F(DatasetTest, NpyFolderSingleInputFilesWithLabelsAndBatchDim) {
  fs::create_directories(dir_ / "npy");
  WriteNpy(Floats({2}, {1, 2}), Path("npy/b.npy"));
  WriteNpy(Floats({1, 2}, {3, 4}), Path("npy/a.npy"));
  WriteText("labels.txt", "a.npy 3\nb 4\n");
  DatasetSpec spec;
  spec.kind = "npy_folder";
  spec.root = Path("npy");
  spec.labels = Path("labels.txt");
  const auto dataset = OpenDataset(spec, {Input("x", ElementType::kFloat, {1, 2})});
  ASSERT_EQ(dataset->size(), 2u);
  const Sample a = dataset->Get(0);
  EXPECT_EQ(a.id, "a");
  EXPECT_EQ(a.label, 3);
  EXPECT_EQ(a.inputs.at("x").tensor.ToDoubles(), (std::vector<double>{3, 4}));
  const Sample b = dataset->Get(1);
  EXPECT_EQ(b.label, 4);
  EXPECT_EQ(b.inputs.at("x").tensor.dims, (Dims{1, 2}));  // batch dim added
  const auto wrong = OpenDataset(spec, {Input("x", ElementType::kFloat, {1, 3})});
  ExpectInputError([&] { wrong->Get(0); }, {"'x'", "[1,3]", "[1,2]", Path("npy/a.npy")});
  WriteText("labels.txt", "a.npy 3\n");
  ExpectInputError([&] { OpenDataset(spec, {Input("x", ElementType::kFloat, {1, 2})}); },
                   {Path("npy/b.npy"), "has no label"});
}

TEST_F(DatasetTest, NpyFolderSampleFoldersFeedSeveralInputs) {
  fs::create_directories(dir_ / "npy/s0");
  WriteNpy(Floats({1}, {1}), Path("npy/s0/x.npy"));
  WriteNpy(Tensor::FromInt64s(ElementType::kInt64, {1}, {5}), Path("npy/s0/n.npy"));
  DatasetSpec spec;
  spec.kind = "npy_folder";
  spec.root = Path("npy");
  const std::vector<IoInfo> model = {Input("x", ElementType::kFloat, {1}), Input("n", ElementType::kInt64, {1})};
  const Sample s = OpenDataset(spec, model)->Get(0);
  EXPECT_EQ(s.label, -1);
  EXPECT_EQ(s.inputs.at("n").tensor.IntAt(0), 5);
  EXPECT_EQ(s.inputs.at("x").tensor.At(0), 1);
  WriteNpy(Floats({1}, {1}), Path("npy/s0/y.npy"));
  ExpectInputError([&] { OpenDataset(spec, model); }, {Path("npy/s0/y.npy"), "names no model input"});
}

// ---- onnx_test_data ----

TEST_F(DatasetTest, OnnxTestDataOrdersSetsAndNamesExpectedOutputs) {
  for (int n : {0, 1, 10, 2}) {
    const std::string set = "test_data_set_" + std::to_string(n);
    fs::create_directories(dir_ / set);
    WriteTensorPb(Floats({1, 2}, {double(n), 1}), "in", Path(set + "/input_0.pb"));
    WriteTensorPb(Floats({1}, {double(n) * 2}), "prob", Path(set + "/output_0.pb"));
  }
  DatasetSpec spec;
  spec.kind = "onnx_test_data";
  spec.root = dir_.string();
  const std::vector<IoInfo> inputs = {Input("data", ElementType::kFloat, {1, 2})};
  auto dataset = OpenDataset(spec, inputs, {Input("out", ElementType::kFloat, {1})});
  ASSERT_EQ(dataset->size(), 4u);
  const Sample last = dataset->Get(3);
  EXPECT_EQ(last.id, "test_data_set_10");
  EXPECT_EQ(last.inputs.at("data").tensor.At(0), 10);
  EXPECT_EQ(last.expected.at("out").tensor.At(0), 20);
  dataset = OpenDataset(spec, inputs);  // no outputs given: the TensorProto's own name
  EXPECT_EQ(dataset->Get(1).expected.at("prob").tensor.At(0), 2);
  ExpectInputError([&] { OpenDataset(spec, {Input("data", ElementType::kFloat, {1, 3})})->Get(0); },
                   {"'data'", "[1,3]", "[1,2]", "input_0.pb"});
  WriteTensorPb(Floats({1}, {0}), "extra", Path("test_data_set_2/input_1.pb"));
  ExpectInputError([&] { OpenDataset(spec, inputs); }, {"input_1.pb", "the model has 1 inputs"});
}

// ---- csv ----

DatasetSpec CsvSpec(const std::string& file) {
  DatasetSpec spec;
  spec.kind = "csv";
  spec.file = file;
  return spec;
}

TEST_F(DatasetTest, CsvFeaturesAndClassNamesInFirstSeenOrder) {
  WriteText("iris.csv", "Id,a,b,Species\n1,0.5,1.5,\"Iris, setosa\"\n\n2,2,3e1,virginica\r\n3,4,5,\"Iris, setosa\"\n");
  DatasetSpec spec = CsvSpec("iris.csv");
  spec.root = dir_.string();
  spec.feature_columns = {"b", "a"};
  spec.label_column = "Species";
  const auto dataset = OpenDataset(spec, {Input("x", ElementType::kFloat, {-1, 2})});
  ASSERT_EQ(dataset->size(), 3u);
  const Sample s = dataset->Get(1);
  EXPECT_EQ(s.id, "row 2");
  EXPECT_EQ(s.inputs.at("x").tensor.dims, (Dims{1, 2}));
  EXPECT_EQ(s.inputs.at("x").tensor.ToDoubles(), (std::vector<double>{30, 2}));
  EXPECT_EQ(s.label, 1);
  EXPECT_EQ(dataset->Get(2).label, 0);
  spec.class_names = {"virginica", "Iris, setosa"};
  EXPECT_EQ(OpenDataset(spec, {Input("x", ElementType::kFloat, {1, 2})})->Get(0).label, 1);
  spec.feature_columns.clear();  // every column but the label: Id, a, b
  ExpectInputError([&] { OpenDataset(spec, {Input("x", ElementType::kFloat, {1, 2})}); }, {"'x'", "[1,2]", "[1,3]"});
}

TEST_F(DatasetTest, CsvIntegerLabelsAndBadCells) {
  WriteText("d.csv", "f0,f1,label\n1,2,0\n3,4,2\n");
  DatasetSpec spec = CsvSpec(Path("d.csv"));
  spec.label_column = "label";
  const auto dataset = OpenDataset(spec, {Input("x", ElementType::kFloat, {1, 2})});
  EXPECT_EQ(dataset->Get(1).label, 2);
  spec.label_column = "klass";
  ExpectInputError([&] { OpenDataset(spec, {Input("x", ElementType::kFloat, {1, 2})}); },
                   {"no column 'klass'", "'label'"});
  WriteText("d.csv", "f0,f1,label\n1,2,0\n3,x,2\n");
  spec.label_column = "label";
  ExpectInputError([&] { OpenDataset(spec, {Input("x", ElementType::kFloat, {1, 2})}); },
                   {Path("d.csv"), "row 2 column 2", "'x'"});
  WriteText("d.csv", "f0,f1,label\n1,2\n");
  ExpectInputError([&] { OpenDataset(spec, {Input("x", ElementType::kFloat, {1, 2})}); }, {"line 2", "2 fields"});
}

TEST_F(DatasetTest, UnknownKindAndAmbiguousInput) {
  DatasetSpec spec;
  spec.kind = "tfrecord";
  ExpectInputError([&] { OpenDataset(spec, {Input("x", ElementType::kFloat, {1})}); }, {"'tfrecord'", "mnist_idx"});
  spec = CsvSpec(Path("d.csv"));
  const std::vector<IoInfo> two = {Input("a", ElementType::kFloat, {1}), Input("b", ElementType::kFloat, {1})};
  ExpectInputError([&] { OpenDataset(spec, two); }, {"2 inputs", "'a', 'b'"});
}

}  // namespace
}  // namespace parity
