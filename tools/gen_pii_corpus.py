#!/usr/bin/env python3
"""Generates a synthetic zh/en customer-service corpus with gold PII spans (JSON Lines:
{"text", "spans":[{"start","end","type"}]}, code point offsets) for `hushdesk eval pii` and
`hushdesk bench pii`. Every value is invented; checksummed identifiers are made valid (or
deliberately invalid for look-alike lines). Usage: gen_pii_corpus.py [--lines N] [--seed S]"""
import argparse, json, random

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦方白邹孟熊秦邱江尹薛段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰红梅建国志文斌宇浩然子涵欣怡俊杰佳琪思远晨阳雨婷"
EN_FIRST = "James Mary John Patricia Robert Jennifer Michael Linda David Susan Emily Daniel Sarah Kevin Laura Olivia Lucas Sophie Anna Peter".split()
EN_LAST = "Smith Johnson Brown Taylor Miller Wilson Moore Clark Lewis Walker Hall Young King Wright Green Baker Carter Evans Turner Parker".split()
CITIES = [("北京市", ["朝阳区", "海淀区", "东城区"]), ("上海市", ["浦东新区", "徐汇区", "静安区"]),
          ("广东省深圳市", ["南山区", "福田区", "龙岗区"]), ("浙江省杭州市", ["西湖区", "滨江区"]),
          ("四川省成都市", ["武侯区", "锦江区"]), ("江苏省南京市", ["鼓楼区", "江宁区"])]
ROADS = "建国 人民 中山 解放 长安 科技 文化 和平 新华 滨江 学府 春熙".split()
EN_STREETS = "Main Oak Maple Cedar Elm Pine Washington Lake Hill Park".split()
EN_SUFFIX = "Street Avenue Road Lane Drive Boulevard".split()

def luhn_complete(prefix, length):
    digits = prefix + "".join(random.choice("0123456789") for _ in range(length - len(prefix) - 1))
    for check in "0123456789":
        s = digits + check
        total = 0
        for i, c in enumerate(reversed(s)):
            d = int(c)
            if i % 2: d = d * 2 - 9 if d * 2 > 9 else d * 2
            total += d
        if total % 10 == 0:
            return s

def cn_id(valid=True):
    region = random.choice(["110105", "310115", "440305", "330106", "510107", "320106"])
    y, m, d = random.randint(1950, 2005), random.randint(1, 12), random.randint(1, 28)
    body = f"{region}{y:04d}{m:02d}{d:02d}{random.randint(0, 999):03d}"
    w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    check = "10X98765432"[sum(int(c) * k for c, k in zip(body, w)) % 11]
    if not valid:
        check = random.choice([c for c in "0123456789" if c != check])
    return body + check

def mobile():
    n = "1" + random.choice("3456789") + "".join(random.choice("0123456789") for _ in range(9))
    style = random.random()
    if style < 0.15: return f"{n[:3]}-{n[3:7]}-{n[7:]}"
    if style < 0.3: return f"{n[:3]} {n[3:7]} {n[7:]}"
    if style < 0.4: return "+86 " + n
    return n

def landline():
    area = random.choice(["010", "021", "020", "0755", "0571", "028"])
    num = str(random.randint(2, 8)) + "".join(random.choice("0123456789") for _ in range(7 if len(area) == 3 else 6))
    return random.choice([f"{area}-{num}", f"({area}){num}"])

def card():
    c = luhn_complete(random.choice(["6222", "6228", "4", "5", "6214"]), random.choice([16, 16, 19]))
    return " ".join(c[i:i + 4] for i in range(0, len(c), 4)) if random.random() < 0.4 else c

def zh_name(): return random.choice(SURNAMES) + "".join(random.choice(GIVEN) for _ in range(random.choice([1, 2])))
def en_name(): return random.choice(EN_FIRST) + " " + random.choice(EN_LAST)
def zh_address():
    city, districts = random.choice(CITIES)
    return f"{city}{random.choice(districts)}{random.choice(ROADS)}路{random.randint(1, 999)}号" + \
        random.choice(["", f"{random.randint(1, 30)}栋{random.randint(101, 2505)}室", f"{random.randint(1, 9)}单元{random.randint(101, 999)}"])
def en_address(): return f"{random.randint(10, 9999)} {random.choice(EN_STREETS)} {random.choice(EN_SUFFIX)}"
def email(): return random.choice(["zhang", "li.na", "wang88", "emily", "jsmith", "user2024"]) + str(random.randint(1, 999)) + "@" + random.choice(["qq.com", "163.com", "126.com", "gmail.com", "example.com", "outlook.com"])
def plate(): return random.choice("京沪粤浙川苏") + random.choice("ABCDEF") + "".join(random.choice("0123456789ABCDEFGHJK") for _ in range(2)) + "".join(random.choice("0123456789") for _ in range(3))

ZH = [
    ("我叫{PERSON}，手机{PHONE_NUMBER}，麻烦帮我查一下。", ),
    ("收件人：{PERSON}，电话{PHONE_NUMBER}，地址{ADDRESS}。", ),
    ("我的邮箱是{EMAIL_ADDRESS}，有问题请联系我。", ),
    ("身份证号{CN_RESIDENT_ID}，请帮我核实一下实名信息。", ),
    ("退款请打到我的银行卡{BANK_CARD}，谢谢。", ),
    ("座机{PHONE_NUMBER}，白天都有人。", ),
    ("车牌{CN_LICENSE_PLATE}的车停在门口了。", ),
    ("寄到{ADDRESS}，收货人{PERSON}。", ),
    ("{PERSON}先生，您的工单已受理。", ),
]
EN = [
    ("Hi, my name is {PERSON} and my phone is {PHONE_NUMBER}.", ),
    ("Please send it to {ADDRESS}, thanks.", ),
    ("You can reach me at {EMAIL_ADDRESS}.", ),
    ("Charge card {BANK_CARD} please.", ),
    ("My SSN is {US_SSN}.", ),
    ("Login from {IP_ADDRESS} was not me.", ),
]
LOOKALIKES = [
    lambda: f"订单号{random.randint(10**15, 10**16 - 1)}什么时候发货？",
    lambda: f"快递单号SF{random.randint(10**11, 10**12 - 1)}，一直没更新。",
    lambda: f"金额¥{random.randint(10, 9999)}.{random.randint(0, 99):02d}，验证码{random.randint(100000, 999999)}。",
    lambda: f"App 版本 {random.randint(1, 9)}.{random.randint(0, 20)}.{random.randint(0, 99)}，还是闪退。",
    lambda: f"Order #{random.randint(10**7, 10**8 - 1)} arrived damaged, total ${random.randint(10, 999)}.{random.randint(0, 99):02d}.",
    lambda: f"Tracking number 1Z{random.randint(10**15, 10**16 - 1)} shows delivered.",
    lambda: f"身份证号码{cn_id(valid=False)}提示错误，怎么回事？",
    lambda: f"你好，我想问一下退款多久到账？",
    lambda: f"The code 482913 expired, please resend.",
]

def value(t, zh):
    return {"PERSON": zh_name if zh else en_name, "PHONE_NUMBER": (lambda: random.choice([mobile, landline])()) if zh else
            (lambda: f"({random.randint(201, 989)}) 555-{random.randint(100, 9999):04d}"),
            "ADDRESS": zh_address if zh else en_address, "EMAIL_ADDRESS": email, "CN_RESIDENT_ID": cn_id,
            "BANK_CARD": card, "CN_LICENSE_PLATE": plate,
            "US_SSN": lambda: f"{random.randint(100, 665)}-{random.randint(10, 99)}-{random.randint(1000, 9999)}",
            "IP_ADDRESS": lambda: ".".join(str(random.randint(1, 254)) for _ in range(4))}[t]()

def render(template, zh):
    text, spans, i = "", [], 0
    while i < len(template):
        if template[i] == "{":
            j = template.index("}", i)
            t = template[i + 1:j]
            v = value(t, zh)
            spans.append({"start": len(text), "end": len(text) + len(v), "type": t})
            text += v
            i = j + 1
        else:
            text += template[i]
            i += 1
    return {"text": text, "spans": spans}

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--lines", type=int, default=2000)
    ap.add_argument("--seed", type=int, default=7)
    a = ap.parse_args()
    random.seed(a.seed)
    for _ in range(a.lines):
        r = random.random()
        if r < 0.25:
            rec = {"text": random.choice(LOOKALIKES)(), "spans": []}
        elif r < 0.7:
            rec = render(random.choice(ZH)[0], True)
        else:
            rec = render(random.choice(EN)[0], False)
        print(json.dumps(rec, ensure_ascii=False))

if __name__ == "__main__":
    main()
