// The argument checks every Python template starts with.
export const CHECK_GAMMA = `    if not 0.0 <= gamma <= 1.0:
        raise ValueError(f"gamma must be in [0, 1], got {gamma}")`;

export const CHECK_THRESHOLD = `    if not 0.0 <= threshold <= 1.0:
        raise ValueError(f"threshold must be in [0, 1], got {threshold}")`;
