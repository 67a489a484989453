/** Where generated resources live. Every builder takes one, so a topology can be re-homed in one place. */
export interface BuildContext {
  subscriptionId: string;
  location: string;
}
