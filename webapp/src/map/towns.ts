// Dereth's towns, at their centres (to a tenth of a map unit): the layer that makes the map
// readable without an image. North and east positive, as the plugin's coordinates.
export interface Place {
  name: string;
  ns: number;
  ew: number;
}

export const TOWNS: Place[] = [
  { name: 'Holtburg', ns: 42.1, ew: 33.6 },
  { name: 'Arwic', ns: 33.6, ew: 56.4 },
  { name: 'Cragstone', ns: 25.3, ew: 48.8 },
  { name: 'Glenden Wood', ns: 29.1, ew: 26.5 },
  { name: 'Eastham', ns: 17.1, ew: 63.3 },
  { name: 'Rithwic', ns: 10.8, ew: 59.3 },
  { name: 'Lytelthorpe', ns: -0.6, ew: 50.8 },
  { name: 'Sanamar', ns: 72.6, ew: -23.5 },
  { name: 'Zaikhal', ns: 13.4, ew: 0.1 },
  { name: 'Samsur', ns: -3.2, ew: 19.4 },
  { name: 'Tufa', ns: -13.8, ew: 5.0 },
  { name: 'Yaraq', ns: -21.5, ew: -1.8 },
  { name: 'Uziz', ns: -24.8, ew: 28.0 },
  { name: 'Al-Arqas', ns: -31.3, ew: 13.7 },
  { name: 'Xarabydun', ns: -41.7, ew: 16.1 },
  { name: 'Khayyaban', ns: -47.4, ew: -24.9 },
  { name: "Qalaba'r", ns: -74.6, ew: 19.6 },
  { name: 'Shoushi', ns: -33.5, ew: 72.8 },
  { name: 'Hebian-To', ns: -38.8, ew: 82.5 },
  { name: 'Baishi', ns: -49.4, ew: 62.8 },
  { name: 'Nanto', ns: -52.2, ew: 82.5 },
  { name: 'Lin', ns: -54.9, ew: 73.0 },
  { name: 'Mayoi', ns: -62.1, ew: 82.5 },
];
