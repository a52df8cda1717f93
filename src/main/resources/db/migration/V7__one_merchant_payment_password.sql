-- A merchant has one payment password (支付密码), for withdrawals and for refunds from 交易明细
-- alike. V5 had given refunds a second one of their own: where a merchant had only that one, it
-- becomes the merchant's password; where it had both, the merchant's (withdrawal) password stays.
update merchant
set payment_password_hash = (select p.password_hash from merchant_payment_password p where p.merchant_id = merchant.id)
where payment_password_hash is null
  and exists (select 1 from merchant_payment_password p where p.merchant_id = merchant.id);

drop table merchant_payment_password;
