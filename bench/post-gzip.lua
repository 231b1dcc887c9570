-- wrk script: bench/post.lua's request, asking for a gzipped answer (Accept-Encoding: gzip). wrk does
-- not unzip; it counts the compressed bytes.
dofile("bench/post.lua")
wrk.headers["Accept-Encoding"] = "gzip"
