#include "common/status.h"

#include <gtest/gtest.h>

namespace hushdesk::common {
namespace {

TEST(Status, OkByDefault) {
  const Status s;
  EXPECT_TRUE(s.ok());
  EXPECT_EQ(s.ToString(), "ok");
}

TEST(Status, CarriesCodeAndMessage) {
  const Status s = InvalidArgumentError("line 3: bad");
  EXPECT_FALSE(s.ok());
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(s.ToString(), "invalid argument: line 3: bad");
}

TEST(StatusOr, HoldsValueOrError) {
  StatusOr<int> v = 7;
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(*v, 7);
  StatusOr<int> e = NotFoundError("x");
  EXPECT_FALSE(e.ok());
  EXPECT_EQ(e.status().code(), StatusCode::kNotFound);
}

Status Chain(bool fail) {
  HD_RETURN_IF_ERROR(fail ? DataLossError("broken") : Status::Ok());
  return InternalError("reached");
}

TEST(Status, ReturnIfErrorReturnsEarly) {
  EXPECT_EQ(Chain(true).code(), StatusCode::kDataLoss);
  EXPECT_EQ(Chain(false).code(), StatusCode::kInternal);
}

}  // namespace
}  // namespace hushdesk::common
