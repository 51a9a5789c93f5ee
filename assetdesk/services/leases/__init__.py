"""Leases and rent (租赁合同, DOMAIN §5): a business area; see ``schedule`` for the rent schedule."""
