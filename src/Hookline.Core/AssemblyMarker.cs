namespace Hookline.Core;
internal static class AssemblyMarker;
