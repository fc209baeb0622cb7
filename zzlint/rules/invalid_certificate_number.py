"""A certificate, licence or ID number that cannot be right.

Lost-item notices (遗失声明) print a number that must be exact: with one wrong digit the notice
is legally useless. zzlint recognises a number only where the text says what it is (身份证号：…,
遗失…号食品经营许可证, 组织机构代码证正本，代码：…, 食品经营许可证，许可证编号：…), checks it
against its kind as declared in the rule packs (``rules/certificates.toml``: 公民身份号码 and the
documents that use it, 外国人永久居留身份证, 统一社会信用代码, 纳税人识别号, 组织机构代码, 注册号,
JY/SC food licences, 开户许可证, 特种设备使用登记证, 出生医学证明, plates, invoices, 排污许可证,
不动产权证书, 药品经营许可证, ISBN, ISSN, CN) and reports what is certain: wrong length or
characters (naming the character that cannot stand where it stands), a check character that does
not fit (saying which character would), a date that does not exist or lies in the future, a
province code that does not exist. Whatever follows a label that names the number (身份证号：,
统一社会信用代码：) is taken as the number, so a number far too short is reported too. Checks that
rest on samples rather than a published standard (the JY/SC check digit) are warnings.

Options: ``reference-date`` (YYYY-MM-DD, default today) is the date no date in a number may
pass; ``locale`` is the place a notice is from when it names none (for
certificate-region-mismatch).

Wrong::

    李明遗失430224199001011232号居民身份证，声明作废。

Right::

    李明遗失430224199001011231号居民身份证，声明作废。
"""
from __future__ import annotations

from zzlint.certificate_rule import CertificateRule
from zzlint.diagnostic import Severity


class InvalidCertificateNumber(CertificateRule):
    __doc__ = __doc__
    name = "invalid-certificate-number"
    severity = Severity.ERROR
