"""A licence number whose region disagrees with the place the notice names.

Many numbers encode where they were issued: the county code of a food licence (JY/SC), the
registration authority of a 统一社会信用代码 or 注册号, the People's Bank area of a 开户许可证, the
plate letter of a vehicle or a 特种设备使用登记证 (湘A is 长沙, 湘B 株洲, 粤B 深圳: the issuing
letters of every province are in ``rules/plates.toml``). When the notice names a place
(茶陵县福满超市, 株洲市…局) or the ``locale`` option gives the newspaper's own, and the number's
region is a different prefecture, the number is worth a second look; the message names that
region in full (110105 is 北京市朝阳区). A number of a whole province (430000, a 京 plate) fits
every place in it. A warning, never an error: firms register elsewhere. Never for ID numbers:
the code is the holder's birthplace, and people move.

Wrong (湘A is 湖南省长沙市, the notice is from 株洲)::

    株洲恒润电梯工程有限公司遗失梯11湘A07342(19)号特种设备使用登记证正本，声明作废。

Right::

    株洲恒润电梯工程有限公司遗失梯11湘B07342(19)号特种设备使用登记证正本，声明作废。
"""
from __future__ import annotations

from zzlint.certificate_rule import CertificateRule
from zzlint.diagnostic import Severity


class CertificateRegionMismatch(CertificateRule):
    __doc__ = __doc__
    name = "certificate-region-mismatch"
    severity = Severity.WARNING
    reports_place = True
