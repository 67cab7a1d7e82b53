/** Which consumption unit a detail tab shows. */
export interface Where {
  connectionId: string
  businessUnitId: number
  consumptionUnitId: number
}
