// What every window component receives. Its own module so that windows never import the registry
// (the registry imports the windows, lazily, and a window importing it back made a cycle).
export interface WindowProps {
  character?: string;
}
