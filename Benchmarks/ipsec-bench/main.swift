import IPsecKit
print("ipsec-bench")
