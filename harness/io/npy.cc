#include "harness/io/npy.h"

#include <cstring>
#include <fstream>
#include <regex>
#include <sstream>

#include "harness/core/errors.h"

namespace parity {

namespace {

struct NpyType {
  const char* descr;  // without the byte-order character
  ElementType type;
};

const NpyType kNpyTypes[] = {
    {"b1", ElementType::kBool},    {"i1", ElementType::kInt8},     {"i2", ElementType::kInt16},
    {"i4", ElementType::kInt32},   {"i8", ElementType::kInt64},    {"u1", ElementType::kUint8},
    {"u2", ElementType::kUint16},  {"u4", ElementType::kUint32},   {"u8", ElementType::kUint64},
    {"f2", ElementType::kFloat16}, {"f4", ElementType::kFloat},    {"f8", ElementType::kDouble},
};

ElementType TypeFromDescr(const std::string& descr, const std::string& path) {
  if (descr.size() < 2) throw InputError("'" + path + "': bad dtype descr '" + descr + "'");
  const char order = descr[0];
  const std::string code = descr.substr(1);
  if (order == '>' && code != "b1" && code != "i1" && code != "u1") {
    throw InputError("'" + path + "': big-endian arrays are not supported; save with dtype.newbyteorder('<')");
  }
  for (const auto& t : kNpyTypes) {
    if (code == t.descr) return t.type;
  }
  throw InputError("'" + path + "': unsupported dtype '" + descr +
                   "' (supported: bool, int8-64, uint8-64, float16, float32, float64)");
}

std::string Field(const std::string& header, const std::string& key, const std::string& path) {
  const std::regex re("'" + key + "'\\s*:\\s*('[^']*'|\\([^)]*\\)|True|False)");
  std::smatch m;
  if (!std::regex_search(header, m, re)) throw InputError("'" + path + "': npy header lacks '" + key + "'");
  return m[1].str();
}

}  // namespace

Tensor ReadNpy(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError("cannot open '" + path + "': no such file or not readable");
  char magic[8];
  if (!in.read(magic, 8) || std::memcmp(magic, "\x93NUMPY", 6) != 0) {
    throw InputError("'" + path + "' is not a .npy file (bad magic)");
  }
  const int major = static_cast<unsigned char>(magic[6]);
  uint32_t header_len = 0;
  if (major == 1) {
    unsigned char b[2];
    if (!in.read(reinterpret_cast<char*>(b), 2)) throw InputError("'" + path + "': truncated header");
    header_len = b[0] | (b[1] << 8);
  } else if (major == 2 || major == 3) {
    unsigned char b[4];
    if (!in.read(reinterpret_cast<char*>(b), 4)) throw InputError("'" + path + "': truncated header");
    header_len = b[0] | (b[1] << 8) | (b[2] << 16) | (static_cast<uint32_t>(b[3]) << 24);
  } else {
    throw InputError("'" + path + "': unsupported npy format version " + std::to_string(major));
  }
  std::string header(header_len, '\0');
  if (!in.read(header.data(), header_len)) throw InputError("'" + path + "': truncated header");
  std::string descr = Field(header, "descr", path);
  descr = descr.substr(1, descr.size() - 2);
  if (Field(header, "fortran_order", path) == "True") {
    throw InputError("'" + path + "': Fortran-order arrays are not supported; save with np.ascontiguousarray");
  }
  const std::string shape_text = Field(header, "shape", path);
  Dims dims;
  const std::regex num("\\d+");
  for (auto it = std::sregex_iterator(shape_text.begin(), shape_text.end(), num); it != std::sregex_iterator();
       ++it) {
    dims.push_back(std::stoll(it->str()));
  }
  const ElementType type = TypeFromDescr(descr, path);
  Tensor t(type, dims);
  if (!in.read(reinterpret_cast<char*>(t.data.data()), static_cast<std::streamsize>(t.data.size()))) {
    throw InputError("'" + path + "': data is truncated (expected " + std::to_string(t.data.size()) + " bytes for " +
                     ElementTypeShortName(type) + DimsToString(dims) + ")");
  }
  if (type == ElementType::kBool) {
    for (auto& b : t.data) b = b != 0;
  }
  return t;
}

void WriteNpy(const Tensor& tensor, const std::string& path) {
  const char* descr = nullptr;
  for (const auto& t : kNpyTypes) {
    if (t.type == tensor.dtype) descr = t.descr;
  }
  if (descr == nullptr) {
    throw InputError("cannot write " + ElementTypeName(tensor.dtype) + " to '" + path + "': numpy has no such dtype");
  }
  std::ostringstream shape;
  shape << "(";
  for (size_t i = 0; i < tensor.dims.size(); ++i) shape << tensor.dims[i] << (tensor.dims.size() == 1 ? "," : (i + 1 < tensor.dims.size() ? ", " : ""));
  shape << ")";
  const char order = tensor.dtype == ElementType::kBool || ElementSize(tensor.dtype) == 1 ? '|' : '<';
  std::string header = "{'descr': '" + std::string(1, order) + descr + "', 'fortran_order': False, 'shape': " +
                       shape.str() + ", }";
  const size_t total = 10 + header.size() + 1;
  header.append((64 - total % 64) % 64, ' ');
  header += '\n';
  std::ofstream out(path, std::ios::binary);
  if (!out) throw InputError("cannot write '" + path + "'");
  out.write("\x93NUMPY\x01\x00", 8);
  const auto len = static_cast<uint16_t>(header.size());
  const char len_bytes[2] = {static_cast<char>(len & 0xff), static_cast<char>(len >> 8)};
  out.write(len_bytes, 2);
  out << header;
  out.write(reinterpret_cast<const char*>(tensor.data.data()), static_cast<std::streamsize>(tensor.data.size()));
  if (!out) throw InputError("failed writing '" + path + "'");
}

}  // namespace parity
