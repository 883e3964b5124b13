#include "privacy/detector.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace hushdesk::privacy {
namespace {

class DetectorTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto d = Detector::Create();
    ASSERT_TRUE(d.ok());
    detector_ = d->release();
  }
  static void TearDownTestSuite() { delete detector_; }

  // "TYPE:value" for every finding, in order.
  static std::vector<std::string> Find(const std::string& text) {
    std::vector<std::string> out;
    for (const auto& e : detector_->Detect(text)) {
      out.push_back(std::string(EntityTypeName(e.type)) + ":" + text.substr(e.start, e.end - e.start));
    }
    return out;
  }
  static Detector* detector_;
};
Detector* DetectorTest::detector_ = nullptr;

using V = std::vector<std::string>;

TEST_F(DetectorTest, ChinesePhoneNumbers) {
  EXPECT_EQ(Find("手机13800138000"), V{"PHONE_NUMBER:13800138000"});
  EXPECT_EQ(Find("电话 138-0013-8000 谢谢"), V{"PHONE_NUMBER:138-0013-8000"});
  EXPECT_EQ(Find("+86 138 0013 8000"), V{"PHONE_NUMBER:+86 138 0013 8000"});
  EXPECT_EQ(Find("座机(010)62345678"), V{"PHONE_NUMBER:(010)62345678"});
  EXPECT_EQ(Find("座机 0755-86013388"), V{"PHONE_NUMBER:0755-86013388"});
  EXPECT_EQ(Find("13800138000 13900139000"), (V{"PHONE_NUMBER:13800138000", "PHONE_NUMBER:13900139000"}));
}

TEST_F(DetectorTest, InternationalPhoneNumbers) {
  EXPECT_EQ(Find("call (212) 555-0187"), V{"PHONE_NUMBER:(212) 555-0187"});
  EXPECT_EQ(Find("UK office +44 20 7946 0958."), V{"PHONE_NUMBER:+44 20 7946 0958"});
}

TEST_F(DetectorTest, LookAlikesAreNotPersonalData) {
  EXPECT_EQ(Find("订单号13800138000已发货"), V{});
  EXPECT_EQ(Find("快递单号SF1234567890123"), V{});
  EXPECT_EQ(Find("金额 ¥2999.00，验证码 482913"), V{});
  EXPECT_EQ(Find("app version 1.2.3.4.5"), V{});
  EXPECT_EQ(Find("order 2023111512345678 shipped"), V{});
  EXPECT_EQ(Find("tracking number 1Z999AA10123456784"), V{});
}

TEST_F(DetectorTest, IdsCardsAndCodes) {
  EXPECT_EQ(Find("身份证11010519491231002X"), V{"CN_RESIDENT_ID:11010519491231002X"});
  EXPECT_EQ(Find("身份证110105194912310021"), V{});  // bad check digit
  EXPECT_EQ(Find("卡号 6222 0212 3456 7890 127"), V{});  // fails Luhn
  EXPECT_EQ(Find("卡号 6222 0212 3456 7890 128"), V{"BANK_CARD:6222 0212 3456 7890 128"});
  EXPECT_EQ(Find("card 4111 1111 1111 1111"), V{"BANK_CARD:4111 1111 1111 1111"});
  EXPECT_EQ(Find("信用代码91350100M000100Y43"), V{"CN_USCC:91350100M000100Y43"});
  EXPECT_EQ(Find("IBAN GB82 WEST 1234 5698 7654 32 thanks"), V{"IBAN_CODE:GB82 WEST 1234 5698 7654 32"});
  // Written whole and followed by a short word: the word is not a group of the IBAN.
  EXPECT_EQ(Find("from GB82WEST12345698765432 to my account"), V{"IBAN_CODE:GB82WEST12345698765432"});
  EXPECT_EQ(Find("SSN 536-22-1234"), V{"US_SSN:536-22-1234"});
  EXPECT_EQ(Find("护照号E12345678"), V{"PASSPORT:E12345678"});
  EXPECT_EQ(Find("车牌京A12345和粤B·D12345"), (V{"CN_LICENSE_PLATE:京A12345", "CN_LICENSE_PLATE:粤B·D12345"}));
}

TEST_F(DetectorTest, NetworkIdentifiers) {
  EXPECT_EQ(Find("邮箱zhangwei@163.com"), V{"EMAIL_ADDRESS:zhangwei@163.com"});
  EXPECT_EQ(Find("qq 12345678@qq.com"), V{"EMAIL_ADDRESS:12345678@qq.com"});
  EXPECT_EQ(Find("from 192.168.1.10 and 2001:db8::1"), (V{"IP_ADDRESS:192.168.1.10", "IP_ADDRESS:2001:db8::1"}));
  EXPECT_EQ(Find("see https://example.com/a?b=1."), V{"URL:https://example.com/a?b=1"});
}

TEST_F(DetectorTest, ChineseNames) {
  EXPECT_EQ(Find("我叫张伟，想问一下"), V{"PERSON:张伟"});
  EXPECT_EQ(Find("你好，我叫王小明，手机"), (V{"PERSON:王小明"}));
  EXPECT_EQ(Find("收件人：欧阳娜娜 电话"), V{"PERSON:欧阳娜娜"});
  EXPECT_EQ(Find("王先生您好"), V{"PERSON:王"});
  EXPECT_EQ(Find("李娜女士"), V{"PERSON:李娜"});
  // A doubled character (谢谢) is a word, not a surname and given name.
  EXPECT_EQ(Find("谢谢黄小姐的帮助"), V{"PERSON:黄"});
  EXPECT_EQ(Find("谢谢王先生"), V{"PERSON:王"});
  EXPECT_EQ(Find("李明先生来了"), V{"PERSON:李明"});
  // After a weak cue the name may be followed by a verb of service talk.
  EXPECT_EQ(Find("客户赵敏投诉物流太慢"), V{"PERSON:赵敏"});
  EXPECT_EQ(Find("联系人李娜咨询退款"), V{"PERSON:李娜"});
  EXPECT_EQ(Find("我是想问一下退款"), V{});
}

TEST_F(DetectorTest, EnglishNames) {
  EXPECT_EQ(Find("Hi, my name is Sarah Connor."), V{"PERSON:Sarah Connor"});
  EXPECT_EQ(Find("Please ask Mr. Smith"), V{"PERSON:Smith"});
  EXPECT_EQ(Find("Thanks, David Miller"), V{"PERSON:David Miller"});
  EXPECT_EQ(Find("The New York office"), V{});
}

TEST_F(DetectorTest, NamesByShapeMiddleInitialsAndSpeakerLabels) {
  // Names outside the word lists (made up), recognised by their shape.
  EXPECT_EQ(Find("a song by Varja K. Osolnik about rain"), V{"PERSON:Varja K. Osolnik"});
  EXPECT_EQ(Find("Have you met Ildri T Vaskonen yet?"), V{"PERSON:Ildri T Vaskonen"});
  EXPECT_EQ(Find("Hi there\nOrvella: I lost my card"), V{"PERSON:Orvella"});
  // Labels are not speakers: field labels before numbers, capitals, common label words.
  EXPECT_EQ(Find("Fax: 0490 39 07 81"), V{"PHONE_NUMBER:0490 39 07 81"});
  EXPECT_EQ(Find("ZIP: 3520"), V{});
  EXPECT_EQ(Find("Note: call back later"), V{});
  EXPECT_EQ(Find("Subject: Refund"), V{});
  EXPECT_EQ(Find("Contact: Orvella Brandt"), V{"PERSON:Orvella Brandt"});
  EXPECT_EQ(Find("see Section B Appendix"), V{});
}

TEST_F(DetectorTest, Addresses) {
  EXPECT_EQ(Find("住在北京市朝阳区建国路88号"), V{"ADDRESS:北京市朝阳区建国路88号"});
  EXPECT_EQ(Find("寄到龙华新区民治大道3栋2单元502"), V{"ADDRESS:龙华新区民治大道3栋2单元502"});
  EXPECT_EQ(Find("我在北京出差"), V{});
  // Road sections (人民南路四段) are part of the street.
  EXPECT_EQ(Find("住在成都市武侯区人民南路四段27号"), V{"ADDRESS:成都市武侯区人民南路四段27号"});
  EXPECT_EQ(Find("这段时间一直在北京出差"), V{});
  EXPECT_EQ(Find("ship to 221 Baker Street, Apt 4, Springfield, IL 62704 please"),
            V{"ADDRESS:221 Baker Street, Apt 4, Springfield, IL 62704"});
}

TEST_F(DetectorTest, IsoDatesAreNotPhoneNumbers) {
  EXPECT_EQ(Find("When: 2000-04-16 11:34:35"), V{});
  EXPECT_EQ(Find("ordered on 2026-11-02, call 13912345678"), V{"PHONE_NUMBER:13912345678"});
  // Not a date (month 13): judged as a number again, here a phone number after "call".
  EXPECT_EQ(Find("call 2026-13-02"), V{"PHONE_NUMBER:2026-13-02"});
}

TEST_F(DetectorTest, StreetNamesFirstUnitsAndPostBoxes) {
  // A UK town and postcode after the street.
  EXPECT_EQ(Find("ship it to 14 Larkspur Close, Reading RG1 8QQ instead"),
            V{"ADDRESS:14 Larkspur Close, Reading RG1 8QQ"});
  // A building and a street number before the street.
  EXPECT_EQ(Find("located at 704 1436 Redbud Drive"), V{"ADDRESS:704 1436 Redbud Drive"});
  // Street name, then the number, as most of Europe writes it (all made up).
  EXPECT_EQ(Find("I live at Lumikatu 12 now"), V{"ADDRESS:Lumikatu 12"});
  EXPECT_EQ(Find("send it to Via Giardini Nuovi 71, thanks"), V{"ADDRESS:Via Giardini Nuovi 71"});
  EXPECT_EQ(Find("Rua do Limoeiro 1634"), V{"ADDRESS:Rua do Limoeiro 1634"});
  EXPECT_EQ(Find("Parkstraße 5a"), V{"ADDRESS:Parkstraße 5a"});
  EXPECT_EQ(Find("moved to 4411 Sammalkuja 7"), V{"ADDRESS:4411 Sammalkuja 7"});
  // Units, post boxes and military addresses on their own.
  EXPECT_EQ(Find("it is Suite 501"), V{"ADDRESS:Suite 501"});
  EXPECT_EQ(Find("Apt. 77 on the left"), V{"ADDRESS:Apt. 77"});
  EXPECT_EQ(Find("write to P.O. Box 242"), V{"ADDRESS:P.O. Box 242"});
  EXPECT_EQ(Find("PSC 1234, Box 5678\nAPO AE 09012"), V{"ADDRESS:PSC 1234, Box 5678\nAPO AE 09012"});
  // A unit after a name is not part of the name.
  EXPECT_EQ(Find("Mrs. Jane Roe Apt. 5"), (V{"PERSON:Jane Roe", "ADDRESS:Apt. 5"}));
  // Look-alikes stay untouched: a prefix word right before a number, amounts, words that only
  // end like streets when too short, lower-case prose.
  EXPECT_EQ(Find("Via 2 couriers"), V{});
  EXPECT_EQ(Find("Rue de la Paix costs 12,50"), V{});
  EXPECT_EQ(Find("Tie 3 knots"), V{});
  EXPECT_EQ(Find("we ring 3 times a day"), V{});
  EXPECT_EQ(Find("Version 2 of the app"), V{});
}

TEST_F(DetectorTest, FullWidthInputReportsOriginalOffsets) {
  const std::string text = "手机：１３８００１３８０００。";
  const auto found = detector_->Detect(text);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(text.substr(found[0].start, found[0].end - found[0].start), "１３８００１３８０００");
}

TEST_F(DetectorTest, TypeFilterAndThreshold) {
  DetectorOptions only_email;
  only_email.types = EntityTypeSet();
  only_email.types.insert(EntityType::kEmailAddress);
  auto d = Detector::Create(only_email);
  ASSERT_TRUE(d.ok());
  const auto found = (*d)->Detect("13800138000 a@b.cn");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].type, EntityType::kEmailAddress);
}

}  // namespace
}  // namespace hushdesk::privacy
