#!/usr/bin/env bash
# Builds the base image of every OTT Balancer image without a container registry or a Docker
# daemon: a Java runtime cut down with jlink from the build JDK, the few glibc libraries that runtime
# loads (copied from this Debian host), a non-root user, and nothing else (no shell, no package
# manager). The result is a `docker save`-style tarball, which Jib takes as `tar://` base image.
#
# Usage: base-image.sh JAVA_HOME MODULES WORK_DIR OUTPUT_TAR
#   MODULES    comma-separated JDK modules for jlink
#   WORK_DIR   scratch directory; WORK_DIR/rootfs is the unpacked base, kept for inspection
#   OUTPUT_TAR the image tarball to write
#
# The tarball is reproducible: the same JDK, host libraries and module list give the same bytes
# (fixed timestamps and owners, sorted entries, no creation date in the image config).
set -euo pipefail

if (($# != 4)); then
  echo "usage: $0 JAVA_HOME MODULES WORK_DIR OUTPUT_TAR" >&2
  exit 2
fi
java_home=$1 modules=$2 work=$(realpath -m "$3") output=$(realpath -m "$4")
readonly uid=65532 gid=65532 user=nonroot

for tool in ldd tar sha256sum dpkg; do
  command -v "$tool" >/dev/null || { echo "base-image.sh: '$tool' is needed and not installed" >&2; exit 1; }
done
if [[ ! -d $java_home/jmods ]]; then
  echo "base-image.sh: $java_home has no jmods/ directory, so jlink cannot cut a runtime from it;" \
    "build with a full JDK 17 (Debian: openjdk-17-jdk-headless)" >&2
  exit 1
fi

rootfs=$work/rootfs
rm -rf "$work"
mkdir -p "$work"

# Native libraries of java.desktop that a headless server never loads; they would drag X11, ALSA and
# font libraries into the image. java.desktop itself stays because java.beans is used by Jackson,
# SnakeYAML and Micrometer.
desktop_natives='**/libawt.so,**/libawt_xawt.so,**/libawt_headless.so,**/libfontmanager.so,**/libjawt.so,**/libjavajpeg.so,**/libjsound.so,**/liblcms.so,**/libmlib_image.so,**/libsplashscreen.so'
"$java_home/bin/jlink" \
  --module-path "$java_home/jmods" \
  --add-modules "$modules" \
  --strip-debug --no-header-files --no-man-pages \
  --exclude-files="$desktop_natives" \
  --output "$rootfs/opt/java"

# jlink links duplicate legal notices to java.base's copies; real files keep the layer free of
# relative links that point across module directories.
while IFS= read -r -d '' link; do
  cp --remove-destination "$(readlink -f "$link")" "$link"
done < <(find "$rootfs/opt/java" -type l -print0)

# Shared libraries: whatever the runtime's ELF files need according to ldd, plus glibc's libdl,
# librt and libpthread, which Netty's epoll library (unpacked from the application jar at run time)
# links against. Each goes to the path the dynamic loader looks at, dereferenced.
copy_lib() {
  local path=$1
  mkdir -p "$rootfs$(dirname "$path")"
  cp -L "$path" "$rootfs$path"
}
mapfile -t elves < <(find "$rootfs/opt/java" -type f \( -name '*.so' -o -path '*/bin/*' -o -name jspawnhelper -o -name jexec \))
links=$(for f in "${elves[@]}"; do ldd "$f" 2>/dev/null | sed "s|^|$f: |" || true; done)
# A library of the runtime itself (libjvm.so, found by the JVM at run time) is "not found" to ldd;
# anything else missing means the host lacks a library the runtime needs.
missing=$(grep 'not found' <<<"$links" | while read -r file lib _; do
  [[ -n $(find "$rootfs/opt/java" -name "$lib" -print -quit) ]] || echo "  $file $lib"
done)
if [[ -n $missing ]]; then
  echo "base-image.sh: the runtime needs shared libraries this host does not have:" >&2
  echo "$missing" >&2
  exit 1
fi
needed=$(awk '
  $3 == "=>" && $4 ~ /^\// { print $4 }          # file: libfoo.so => /lib/.../libfoo.so (0x...)
  $2 ~ /^\// { print $2 }                         # file: /lib64/ld-linux-x86-64.so.2 (0x...)
' <<<"$links" | grep -v "^$rootfs" | sort -u)
libc_dir=$(dirname "$(grep '/libc\.so\.6$' <<<"$needed")")
for lib in $needed "$libc_dir/libdl.so.2" "$libc_dir/librt.so.1" "$libc_dir/libpthread.so.0"; do
  copy_lib "$lib"
done

mkdir -p "$rootfs/etc" "$rootfs/tmp" "$rootfs/home/$user" "$rootfs/app"
cat >"$rootfs/etc/passwd" <<EOF
root:x:0:0:root:/root:/sbin/nologin
$user:x:$uid:$gid:$user:/home/$user:/sbin/nologin
EOF
cat >"$rootfs/etc/group" <<EOF
root:x:0:
$user:x:$gid:
EOF
# glibc's resolver reads this; the hosts file first, as in every distribution (Kubernetes mounts
# /etc/hosts and /etc/resolv.conf into the container).
cat >"$rootfs/etc/nsswitch.conf" <<'EOF'
passwd: files
group: files
hosts: files dns
EOF

# Modes are set explicitly so that the host's umask does not leak into the image.
find "$rootfs" -type d -exec chmod 0755 {} +
find "$rootfs" -type f -exec chmod 0644 {} +
find "$rootfs/opt/java/bin" "$rootfs/opt/java/lib" -type f \( -path '*/bin/*' -o -name jspawnhelper -o -name jexec \) -exec chmod 0755 {} +
find "$rootfs" -type f -name '*.so*' -exec chmod 0755 {} +
chmod 1777 "$rootfs/tmp"
chmod 0700 "$rootfs/home/$user"

layer=$work/layer.tar
reproducible=(--sort=name --mtime=@0 --format=gnu --numeric-owner)
(cd "$rootfs" && tar -cf "$layer" "${reproducible[@]}" --owner=0 --group=0 --exclude="./home/$user" .)
(cd "$rootfs" && tar -rf "$layer" "${reproducible[@]}" --owner="$uid" --group="$gid" "./home/$user")
layer_sha=$(sha256sum "$layer" | cut -d' ' -f1)

arch=$(dpkg --print-architecture)
java_version=$(sed -n 's/^JAVA_VERSION="\(.*\)"$/\1/p' "$rootfs/opt/java/release")
config=$work/config.json
cat >"$config" <<EOF
{"architecture":"$arch","os":"linux","config":{"User":"$uid:$gid","Env":["PATH=/opt/java/bin:/usr/local/bin:/usr/bin:/bin","JAVA_HOME=/opt/java","LANG=C.UTF-8"],"WorkingDir":"/app"},"rootfs":{"type":"layers","diff_ids":["sha256:$layer_sha"]},"history":[{"created":"1970-01-01T00:00:00Z","created_by":"runtime-image/src/build/base-image.sh","comment":"jlink runtime $java_version ($modules) and its glibc libraries from the build host"}]}
EOF
config_sha=$(sha256sum "$config" | cut -d' ' -f1)

image=$work/image
mkdir -p "$image"
mv "$config" "$image/$config_sha.json"
mv "$layer" "$image/$layer_sha.tar"
cat >"$image/manifest.json" <<EOF
[{"Config":"$config_sha.json","RepoTags":[],"Layers":["$layer_sha.tar"]}]
EOF
mkdir -p "$(dirname "$output")"
# Named entries only: Jib refuses a "./" entry in a base image tarball.
(cd "$image" && tar -cf "$output" "${reproducible[@]}" --owner=0 --group=0 manifest.json "$config_sha.json" "$layer_sha.tar")
echo "base image: $output ($(du -h "$output" | cut -f1), Java $java_version, $arch, layer sha256:$layer_sha)"
