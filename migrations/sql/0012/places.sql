-- grain: one row per place
create or replace view analytics.places as
with places as (
    select * from core.place
)
select
    p.place_id,
    p.name,
    p.kind,
    p.country_code,
    p.parent_place_id,
    p.geonames_id,
    p.latitude,
    p.longitude,
    p.wikidata_qid,
    gn.url as geonames_reference_url,
    co.url as coordinates_reference_url,
    wd.url as wikidata_reference_url,
    p.identifier_note
from places p
left join core.reference gn on gn.reference_id = p.geonames_reference_id
left join core.reference co on co.reference_id = p.coordinates_reference_id
left join core.reference wd on wd.reference_id = p.wikidata_reference_id;

comment on view analytics.places is 'One row per named place (city, region, venue, airport, site), with its GeoNames id, coordinates and Wikidata item, each from the named reference beside it. A place never carries its parent''s ids: an airport without its own GeoNames record has geonames_id NULL (its coordinates, where known, come from its own reference). An identifier not confirmed is NULL and identifier_note says why.';
comment on column analytics.places.place_id is 'Stable id of the place (visits.place_id, meetings.place_id refer to it in core).';
comment on column analytics.places.name is 'English name as used for display.';
comment on column analytics.places.kind is 'Kind of place: country, region, city, venue, airport or site.';
comment on column analytics.places.country_code is 'ISO 3166-1 alpha-3 code of the country the place lies in.';
comment on column analytics.places.parent_place_id is 'Enclosing place (a venue''s or an airport''s city), if recorded.';
comment on column analytics.places.geonames_id is 'GeoNames id (geonameid) of the place itself; NULL when not confirmed.';
comment on column analytics.places.latitude is 'Latitude in decimal degrees (WGS 84), north positive: the GeoNames record''s when geonames_id is set; NULL when not known.';
comment on column analytics.places.longitude is 'Longitude in decimal degrees (WGS 84), east positive; NULL when not known.';
comment on column analytics.places.wikidata_qid is 'Wikidata item of the place, e.g. Q3616 for Tehran; NULL when not confirmed.';
comment on column analytics.places.geonames_reference_url is 'Where the named reference for geonames_id can be read; NULL when geonames_id is NULL.';
comment on column analytics.places.coordinates_reference_url is 'Where the named reference for the coordinates can be read; NULL when they are NULL.';
comment on column analytics.places.wikidata_reference_url is 'Where the named reference for wikidata_qid can be read; NULL when wikidata_qid is NULL.';
comment on column analytics.places.identifier_note is 'Why an identifier is NULL (not confirmed, or none exists); NULL when all are set.';
