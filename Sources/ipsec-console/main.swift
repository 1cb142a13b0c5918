import IPsecKit
print("ipsec-console")
