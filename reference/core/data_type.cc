#include "parity/reference/data_type.h"

#include "parity/reference/error.h"

namespace parity::ref {

StorageKind StorageOf(DataType dtype) {
  switch (dtype) {
    case DataType::kFloat:
    case DataType::kFloat16:
    case DataType::kDouble:
    case DataType::kBfloat16:
    case DataType::kFloat8E4M3FN:
    case DataType::kFloat8E4M3FNUZ:
    case DataType::kFloat8E5M2:
    case DataType::kFloat8E5M2FNUZ:
    case DataType::kFloat4E2M1:
    case DataType::kFloat8E8M0:
      return StorageKind::kReal;
    case DataType::kInt8:
    case DataType::kInt16:
    case DataType::kInt32:
    case DataType::kInt64:
    case DataType::kInt4:
    case DataType::kInt2:
    case DataType::kBool:
      return StorageKind::kInt;
    case DataType::kUint8:
    case DataType::kUint16:
    case DataType::kUint32:
    case DataType::kUint64:
    case DataType::kUint4:
    case DataType::kUint2:
      return StorageKind::kUint;
    case DataType::kString:
      return StorageKind::kString;
    default:
      return StorageKind::kUnsupported;
  }
}

bool IsFloating(DataType dtype) { return StorageOf(dtype) == StorageKind::kReal; }

bool IsSignedInteger(DataType dtype) { return StorageOf(dtype) == StorageKind::kInt && dtype != DataType::kBool; }

bool IsUnsignedInteger(DataType dtype) { return StorageOf(dtype) == StorageKind::kUint; }

bool IsInteger(DataType dtype) { return IsSignedInteger(dtype) || IsUnsignedInteger(dtype); }

int BitWidth(DataType dtype) {
  switch (dtype) {
    case DataType::kInt2:
    case DataType::kUint2:
      return 2;
    case DataType::kInt4:
    case DataType::kUint4:
    case DataType::kFloat4E2M1:
      return 4;
    case DataType::kBool:
    case DataType::kInt8:
    case DataType::kUint8:
    case DataType::kFloat8E4M3FN:
    case DataType::kFloat8E4M3FNUZ:
    case DataType::kFloat8E5M2:
    case DataType::kFloat8E5M2FNUZ:
    case DataType::kFloat8E8M0:
      return 8;
    case DataType::kInt16:
    case DataType::kUint16:
    case DataType::kFloat16:
    case DataType::kBfloat16:
      return 16;
    case DataType::kInt32:
    case DataType::kUint32:
    case DataType::kFloat:
      return 32;
    case DataType::kInt64:
    case DataType::kUint64:
    case DataType::kDouble:
    case DataType::kComplex64:
      return 64;
    case DataType::kComplex128:
      return 128;
    default:
      return 0;
  }
}

std::string DataTypeName(DataType dtype) {
  switch (dtype) {
    case DataType::kUndefined: return "UNDEFINED";
    case DataType::kFloat: return "FLOAT";
    case DataType::kUint8: return "UINT8";
    case DataType::kInt8: return "INT8";
    case DataType::kUint16: return "UINT16";
    case DataType::kInt16: return "INT16";
    case DataType::kInt32: return "INT32";
    case DataType::kInt64: return "INT64";
    case DataType::kString: return "STRING";
    case DataType::kBool: return "BOOL";
    case DataType::kFloat16: return "FLOAT16";
    case DataType::kDouble: return "DOUBLE";
    case DataType::kUint32: return "UINT32";
    case DataType::kUint64: return "UINT64";
    case DataType::kComplex64: return "COMPLEX64";
    case DataType::kComplex128: return "COMPLEX128";
    case DataType::kBfloat16: return "BFLOAT16";
    case DataType::kFloat8E4M3FN: return "FLOAT8E4M3FN";
    case DataType::kFloat8E4M3FNUZ: return "FLOAT8E4M3FNUZ";
    case DataType::kFloat8E5M2: return "FLOAT8E5M2";
    case DataType::kFloat8E5M2FNUZ: return "FLOAT8E5M2FNUZ";
    case DataType::kUint4: return "UINT4";
    case DataType::kInt4: return "INT4";
    case DataType::kFloat4E2M1: return "FLOAT4E2M1";
    case DataType::kFloat8E8M0: return "FLOAT8E8M0";
    case DataType::kUint2: return "UINT2";
    case DataType::kInt2: return "INT2";
  }
  return "UNKNOWN(" + std::to_string(static_cast<int>(dtype)) + ")";
}

DataType DataTypeFromOnnx(int32_t onnx_type) {
  if (onnx_type < 0 || onnx_type > static_cast<int32_t>(DataType::kInt2)) {
    throw Error("unknown ONNX element type " + std::to_string(onnx_type) + " (known: 0..26)");
  }
  return static_cast<DataType>(onnx_type);
}

}  // namespace parity::ref
