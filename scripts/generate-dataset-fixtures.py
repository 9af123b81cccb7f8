"""NumPy datasets for test/fixtures/datasets/binary (called by generate-dataset-fixtures.js).

Iris from media/datasets/iris.csv as .npz, written by numpy's own savez / savez_compressed: features x
(rows x 4, float64), labels y (the species as text, dtype <U), feature_names; variants with float32 /
float16 features and integer labels; and one archive per problem the reader must name.
"""
import csv
import os
import sys

import numpy as np

out = sys.argv[1]
at = lambda f: os.path.join(out, f)
repo = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
with open(os.path.join(repo, "media", "datasets", "iris.csv"), newline="") as f:
    rows = list(csv.reader(f))
header, body = rows[0], rows[1:]
x = np.array([[float(v) for v in r[:4]] for r in body], dtype=np.float64)
species = np.array([r[4] for r in body])
names = np.array(header[:4])
codes = np.unique(species, return_inverse=True)[1].astype(np.int64)

np.savez(at("iris.npz"), x=x, y=species, feature_names=names)
np.savez_compressed(at("iris-compressed.npz"), x=x, y=species, feature_names=names)
np.savez(at("iris-f4.npz"), X=x.astype(np.float32), labels=codes)
np.savez(at("iris-f2.npz"), features=x.astype(np.float16), y=codes.astype(np.int32))
missing = x.copy()
missing[10, 1] = np.nan
np.savez(at("iris-nan-feature.npz"), x=missing, y=species, extra=np.zeros(3))

np.savez(at("bad-shape-mismatch.npz"), x=x, y=species[:-1])
nan = codes.astype(np.float64)
nan[41] = np.nan
np.savez(at("bad-nan-label.npz"), x=x, y=nan)
np.savez(at("bad-text-x.npz"), x=x[:5].astype(str), y=codes[:5])
np.savez(at("bad-1d-x.npz"), x=x[:, 0], y=codes)
np.savez(at("bad-no-arrays.npz"), data=x, target=codes)
np.savez(at("bad-no-labels.npz"), x=x, target=codes)
np.savez(at("bad-object-y.npz"), x=x, y=np.array(list(species), dtype=object))
np.savez(at("bad-fortran-x.npz"), x=np.asfortranarray(x), y=codes)
np.savez(at("bad-bigendian-x.npz"), x=x.astype(">f8"), y=codes)
np.savez(at("bad-complex-x.npz"), x=x.astype(np.complex128), y=codes)
np.savez(at("bad-names.npz"), x=x, y=codes, feature_names=names[:3])
