/** A /56 held for a VNet in the reservation table (src/azure/). Reservations are idempotent per VNet id. */
export interface PrefixReservation {
  vnetId: string;
  prefix: string;
}
